package io.netcron.dns;

import static java.util.Objects.requireNonNull;

/** One answer record as text: owner name, type, TTL (seconds) and the data in zone-file form. */
public record DnsAnswer(String name, String type, long ttl, String data)
{
    public DnsAnswer
    {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(data, "data is null");
    }

    @Override
    public String toString()
    {
        return name + " " + ttl + " IN " + type + " " + data;
    }
}
