package io.netcron.dns;

import static java.util.Objects.requireNonNull;

/** A name server to ask: an address (or host name) and a port. */
public record DnsServer(String host, int port)
{
    public static final int DEFAULT_PORT = 53;

    public DnsServer
    {
        requireNonNull(host, "host is null");
        if (host.isBlank()) {
            throw new IllegalArgumentException("DNS server host is blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("DNS server port must be between 1 and 65535, got " + port);
        }
    }

    public static DnsServer of(String host)
    {
        return new DnsServer(host, DEFAULT_PORT);
    }

    @Override
    public String toString()
    {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
