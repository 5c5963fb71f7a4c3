package io.netcron.server.config;

import io.netcron.http.HttpClientSettings;

import java.time.Duration;

/**
 * {@code http-client.*}: the one pooled HTTP client the shared clients (NetBox, Splunk, device
 * REST APIs) use. Not the management port ({@code http.*}). Each call's timeouts are further capped
 * by its job's deadline.
 */
public record HttpClientConfig(int poolSize, int maxPerTarget, Duration connectTimeout, Duration timeout, int maxBodyMegabytes)
{
    public static final int DEFAULT_POOL_SIZE = HttpClientSettings.DEFAULT_MAX_CONNECTIONS;
    public static final int DEFAULT_MAX_PER_TARGET = HttpClientSettings.DEFAULT_MAX_CONNECTIONS_PER_TARGET;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = HttpClientSettings.DEFAULT_CONNECT_TIMEOUT;
    public static final Duration DEFAULT_TIMEOUT = HttpClientSettings.DEFAULT_TIMEOUT;
    public static final int DEFAULT_MAX_BODY_MEGABYTES = 64;

    public static HttpClientConfig from(Settings settings)
    {
        return new HttpClientConfig(
                settings.integer("http-client.pool-size", DEFAULT_POOL_SIZE, 1, 10_000),
                settings.integer("http-client.max-per-target", DEFAULT_MAX_PER_TARGET, 1, 1_000),
                settings.duration("http-client.connect-timeout", DEFAULT_CONNECT_TIMEOUT, Duration.ofMillis(100), Duration.ofMinutes(5)),
                settings.duration("http-client.timeout", DEFAULT_TIMEOUT, Duration.ofMillis(100), Duration.ofHours(1)),
                settings.integer("http-client.max-body-mb", DEFAULT_MAX_BODY_MEGABYTES, 1, 4_096));
    }

    public HttpClientSettings clientSettings()
    {
        return new HttpClientSettings(poolSize, maxPerTarget, connectTimeout, timeout, maxBodyMegabytes * 1024L * 1024L);
    }
}
