package io.netcron.jobs.discovery;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The device families the network jobs know, found from a NetBox platform slug. Slugs are chosen by
 * each NetBox's operators, so the common spellings are recognised and a job's {@code platform_map}
 * param can name any other.
 */
public enum DevicePlatform
{
    IOS("terminal length 0"),
    NXOS("terminal length 0"),
    EOS("terminal length 0"),
    JUNOS("set cli screen-length 0"),
    ARUBA("no page");

    private static final Map<String, DevicePlatform> SLUGS = Map.ofEntries(
            Map.entry("ios", IOS), Map.entry("cisco-ios", IOS), Map.entry("ios-xe", IOS), Map.entry("iosxe", IOS), Map.entry("cisco-ios-xe", IOS),
            Map.entry("nxos", NXOS), Map.entry("nx-os", NXOS), Map.entry("cisco-nxos", NXOS), Map.entry("cisco-nx-os", NXOS),
            Map.entry("eos", EOS), Map.entry("arista-eos", EOS), Map.entry("arista", EOS),
            Map.entry("junos", JUNOS), Map.entry("juniper-junos", JUNOS), Map.entry("juniper", JUNOS),
            Map.entry("aruba", ARUBA), Map.entry("arubaos", ARUBA), Map.entry("aos-cx", ARUBA), Map.entry("aoscx", ARUBA),
            Map.entry("arubaos-cx", ARUBA), Map.entry("arubaos-switch", ARUBA), Map.entry("procurve", ARUBA));

    private final String pagingOff;

    DevicePlatform(String pagingOff)
    {
        this.pagingOff = pagingOff;
    }

    /** The CLI command that turns the pager off. */
    public String pagingOff()
    {
        return pagingOff;
    }

    /** The platform for a slug: {@code aliases} first (slug → platform name or known slug), then the built-in spellings. */
    public static Optional<DevicePlatform> fromSlug(String slug, Map<String, String> aliases)
    {
        if (slug == null || slug.isBlank()) {
            return Optional.empty();
        }
        String key = slug.trim().toLowerCase(Locale.ROOT);
        String mapped = aliases.getOrDefault(key, key).trim().toLowerCase(Locale.ROOT);
        DevicePlatform known = SLUGS.get(mapped);
        if (known != null) {
            return Optional.of(known);
        }
        for (DevicePlatform platform : values()) {
            if (platform.name().equalsIgnoreCase(mapped)) {
                return Optional.of(platform);
            }
        }
        return Optional.empty();
    }
}
