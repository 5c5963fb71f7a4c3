package io.netcron.reach;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** The addresses a job may probe, as given by its caller (params, IPAM prefixes). Nothing else is ever probed. */
public record AllowList(List<Prefix> prefixes)
{
    public AllowList
    {
        prefixes = List.copyOf(requireNonNull(prefixes, "prefixes is null"));
    }

    /** {@code AllowList.of("192.0.2.0/24", "198.51.100.7")}. */
    public static AllowList of(String... prefixes)
    {
        return new AllowList(Arrays.stream(prefixes).map(Prefix::parse).toList());
    }

    public static AllowList of(List<String> prefixes)
    {
        return new AllowList(prefixes.stream().map(Prefix::parse).toList());
    }

    public boolean allows(InetAddress address)
    {
        return prefixes.stream().anyMatch(prefix -> prefix.contains(address));
    }

    public boolean allows(Prefix prefix)
    {
        return prefixes.stream().anyMatch(allowed -> allowed.contains(prefix));
    }

    @Override
    public String toString()
    {
        return prefixes.toString();
    }
}
