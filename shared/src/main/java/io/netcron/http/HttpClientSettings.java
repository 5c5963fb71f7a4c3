package io.netcron.http;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * The shared pool: connections in total and per host, and the timeouts a call gets when it names
 * none. Every call's timeouts are further capped by its {@link io.netcron.job.Deadline}.
 */
public record HttpClientSettings(int maxConnections, int maxConnectionsPerTarget, Duration connectTimeout, Duration timeout, long maxBodyBytes)
{
    public static final int DEFAULT_MAX_CONNECTIONS = 100;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_TARGET = 10;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final long DEFAULT_MAX_BODY_BYTES = 64L * 1024 * 1024;

    public HttpClientSettings
    {
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(timeout, "timeout is null");
        if (maxConnections < 1 || maxConnectionsPerTarget < 1 || maxBodyBytes < 1) {
            throw new IllegalArgumentException("pool sizes and body limit must be positive");
        }
    }

    public static HttpClientSettings defaults()
    {
        return new HttpClientSettings(DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS_PER_TARGET, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_MAX_BODY_BYTES);
    }
}
