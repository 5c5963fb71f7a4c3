package io.netcron.server.config;

/** {@code http.*}: the management port (health, metrics); 0 turns it off. */
public record HttpConfig(int port, String bindAddress)
{
    public static final int DEFAULT_PORT = 0;
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

    public static HttpConfig from(Settings settings)
    {
        return new HttpConfig(
                settings.optionalPort("http.port").orElse(DEFAULT_PORT),
                settings.string("http.bind-address", DEFAULT_BIND_ADDRESS));
    }

    public boolean enabled()
    {
        return port != 0;
    }
}
