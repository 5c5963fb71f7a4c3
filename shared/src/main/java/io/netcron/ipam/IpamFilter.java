package io.netcron.ipam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Which objects to list. Each named filter takes slugs or values ({@code platform("eos")},
 * {@code status("active")}); several values of one filter match any of them, different filters
 * must all match (NetBox's rules). {@link #and(String, String)} passes any other NetBox filter
 * ({@code has_primary_ip=true}, {@code name__ic=core}). {@link #configContext()} asks devices to carry
 * their rendered config context (expensive: off unless asked).
 */
public record IpamFilter(Map<String, List<String>> parameters, boolean configContext)
{
    public IpamFilter
    {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        requireNonNull(parameters, "parameters is null").forEach((key, values) -> copy.put(key, List.copyOf(values)));
        parameters = java.util.Collections.unmodifiableMap(copy);
    }

    public static IpamFilter all()
    {
        return new IpamFilter(Map.of(), false);
    }

    public IpamFilter platform(String... slugs)
    {
        return and("platform", slugs);
    }

    public IpamFilter role(String... slugs)
    {
        return and("role", slugs);
    }

    public IpamFilter site(String... slugs)
    {
        return and("site", slugs);
    }

    public IpamFilter tag(String... slugs)
    {
        return and("tag", slugs);
    }

    public IpamFilter status(String... values)
    {
        return and("status", values);
    }

    public IpamFilter name(String... names)
    {
        return and("name", names);
    }

    /** NetBox's quick search. */
    public IpamFilter q(String text)
    {
        return and("q", text);
    }

    /** Interfaces and IP addresses of these devices (by name). */
    public IpamFilter device(String... names)
    {
        return and("device", names);
    }

    public IpamFilter deviceId(long... ids)
    {
        return and("device_id", java.util.Arrays.stream(ids).mapToObj(Long::toString).toArray(String[]::new));
    }

    public IpamFilter vrf(String... names)
    {
        return and("vrf", names);
    }

    public IpamFilter and(String parameter, String... values)
    {
        requireNonNull(parameter, "parameter is null");
        Map<String, List<String>> copy = new LinkedHashMap<>(parameters);
        List<String> merged = new ArrayList<>(copy.getOrDefault(parameter, List.of()));
        for (String value : values) {
            merged.add(requireNonNull(value, "value is null"));
        }
        copy.put(parameter, merged);
        return new IpamFilter(copy, configContext);
    }

    public IpamFilter withConfigContext()
    {
        return new IpamFilter(parameters, true);
    }
}
