package io.netcron.server.config;

import java.time.Duration;

/** {@code dns.*}: the DNS client. */
public record DnsConfig(Duration timeout)
{
    /** Per query (and again for the TCP retry of a truncated answer); a job's deadline caps it further. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    public static DnsConfig from(Settings settings)
    {
        return new DnsConfig(settings.duration("dns.timeout", DEFAULT_TIMEOUT, Duration.ofMillis(10), Duration.ofMinutes(1)));
    }
}
