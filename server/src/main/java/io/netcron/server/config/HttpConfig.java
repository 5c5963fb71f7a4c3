package io.netcron.server.config;

import java.time.Duration;

/**
 * {@code http.*}: the management port (health, metrics, the dashboard); 0 turns it off. Loopback by
 * default: expose it deliberately ({@code http.bind-address=0.0.0.0}) for container and
 * load-balancer checks. {@code http.ui=false} leaves the dashboard out (its pages are readable
 * without a login by whoever reaches the port).
 */
public record HttpConfig(int port, String bindAddress, Duration readyTimeout, boolean ui)
{
    public static final int DEFAULT_PORT = 0;
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    /** How long {@code /health/ready} waits for the database before it answers "down". */
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(2);
    public static final boolean DEFAULT_UI = true;

    public static HttpConfig from(Settings settings)
    {
        return new HttpConfig(
                settings.optionalPort("http.port").orElse(DEFAULT_PORT),
                settings.string("http.bind-address", DEFAULT_BIND_ADDRESS),
                settings.duration("http.ready-timeout", DEFAULT_READY_TIMEOUT, Duration.ofMillis(100), Duration.ofMinutes(1)),
                settings.bool("http.ui", DEFAULT_UI));
    }

    public boolean enabled()
    {
        return port != 0;
    }
}
