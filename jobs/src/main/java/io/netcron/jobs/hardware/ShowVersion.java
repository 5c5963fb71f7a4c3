package io.netcron.jobs.hardware;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers of CLI output into facts, by platform slug: Cisco IOS/IOS-XE and NX-OS
 * ({@code show version}), Arista EOS ({@code show version}), Aruba AOS-CX ({@code show version} and
 * {@code show system}), Juniper Junos ({@code show version} and {@code show chassis hardware}).
 */
enum ShowVersion
{
    IOS(List.of("show version"), "terminal length 0"),
    NXOS(List.of("show version"), "terminal length 0"),
    EOS(List.of("show version", "show hostname"), "terminal length 0"),
    AOSCX(List.of("show version", "show system"), "no page"),
    JUNOS(List.of("show version", "show chassis hardware"), "set cli screen-length 0");

    private final List<String> commands;
    private final String pagingOff;

    ShowVersion(List<String> commands, String pagingOff)
    {
        this.commands = commands;
        this.pagingOff = pagingOff;
    }

    List<String> commands()
    {
        return commands;
    }

    String pagingOff()
    {
        return pagingOff;
    }

    static Optional<ShowVersion> forPlatform(String slug)
    {
        String value = slug == null ? "" : slug.toLowerCase(Locale.ROOT);
        return Optional.ofNullable(switch (value) {
            case "ios", "iosxe", "ios-xe", "cisco-ios", "cisco-iosxe", "cisco_ios", "cisco_xe" -> IOS;
            case "nxos", "cisco-nxos", "cisco_nxos", "nx-os" -> NXOS;
            case "eos", "arista-eos", "arista_eos" -> EOS;
            case "aoscx", "aruba-aoscx", "arubaos-cx", "aruba_aoscx" -> AOSCX;
            case "junos", "juniper-junos", "juniper_junos" -> JUNOS;
            default -> null;
        });
    }

    /** {@code outputs} in the order of {@link #commands()}; empty facts when nothing matched. */
    HardwareFacts parse(List<String> outputs)
    {
        String first = outputs.getFirst();
        String second = outputs.size() > 1 ? outputs.get(1) : "";
        HardwareFacts.Builder facts = HardwareFacts.builder();
        switch (this) {
            case IOS -> facts.vendor("Cisco")
                    .hostname(find(first, "(?m)^(\\S+) uptime is"))
                    .model(find(first, "(?mi)^cisco (\\S+) \\(.*\\) processor"))
                    .serialNumber(find(first, "(?m)Processor board ID (\\S+)"))
                    .osVersion(find(first, "(?m)Cisco IOS.*?Version ([^,\\s]+)"))
                    .uptimeSeconds(Uptimes.parse(find(first, "(?m)uptime is (.+)$")))
                    .extra("image", find(first, "(?m)System image file is \"([^\"]+)\""));
            case NXOS -> facts.vendor("Cisco")
                    .hostname(find(first, "(?m)Device name:\\s*(\\S+)"))
                    .model(find(first, "(?mi)^\\s*cisco (Nexus\\S*\\s+\\S+|N\\dK-\\S+).*[Cc]hassis"))
                    .serialNumber(find(first, "(?mi)Processor Board ID (\\S+)"))
                    .osVersion(or(find(first, "(?m)NXOS: version (\\S+)"), find(first, "(?m)system:\\s+version (\\S+)")))
                    .uptimeSeconds(Uptimes.parse(find(first, "(?m)Kernel uptime is (.+)$")));
            case EOS -> facts.vendor("Arista")
                    .hostname(find(second, "(?m)^Hostname:\\s*(\\S+)"))
                    .fqdn(find(second, "(?m)^FQDN:\\s*(\\S+)"))
                    .model(find(first, "(?m)^Arista (\\S+)"))
                    .serialNumber(find(first, "(?m)^Serial number:\\s*(\\S+)"))
                    .osVersion(find(first, "(?m)^Software image version:\\s*(\\S+)"))
                    .uptimeSeconds(Uptimes.parse(find(first, "(?m)^Uptime:\\s*(.+)$")))
                    .extra("hardware_revision", find(first, "(?m)^Hardware version:\\s*(\\S+)"))
                    .extra("system_mac", find(first, "(?m)^System MAC address:\\s*(\\S+)"));
            case AOSCX -> facts.vendor("Aruba")
                    .hostname(find(second, "(?m)^Hostname\\s*:\\s*(\\S+)"))
                    .model(find(second, "(?m)^Product Name\\s*:\\s*(.+?)\\s*$"))
                    .serialNumber(find(second, "(?m)^Chassis Serial Nbr\\s*:\\s*(\\S+)"))
                    .osVersion(find(first, "(?m)^Version\\s*:\\s*(\\S+)"))
                    .uptimeSeconds(Uptimes.parse(find(second, "(?m)^Up Time\\s*:\\s*(.+)$")))
                    .extra("base_mac", find(second, "(?m)^Base MAC Address\\s*:\\s*(\\S+)"));
            case JUNOS -> facts.vendor("Juniper")
                    .hostname(find(first, "(?m)^Hostname:\\s*(\\S+)"))
                    .model(or(find(first, "(?m)^Model:\\s*(\\S+)"), find(second, "(?m)^Chassis\\s+\\S+\\s+(.+?)\\s*$")))
                    .serialNumber(find(second, "(?m)^Chassis\\s+(\\S+)"))
                    .osVersion(or(find(first, "(?m)^Junos:\\s*(\\S+)"), find(first, "(?m)JUNOS .*\\[(\\S+)\\]")));
        }
        return facts.build();
    }

    private static String find(String text, String regex)
    {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        return matcher.find() ? matcher.group(1) : "";
    }

    private static String or(String first, String second)
    {
        return first.isEmpty() ? second : first;
    }
}
