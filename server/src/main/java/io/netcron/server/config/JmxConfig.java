package io.netcron.server.config;

import java.util.Optional;

/** {@code jmx.*}: remote JMX; unset port means local JMX only. */
public record JmxConfig(Optional<Integer> port)
{
    public static JmxConfig from(Settings settings)
    {
        return new JmxConfig(settings.optionalPort("jmx.port"));
    }
}
