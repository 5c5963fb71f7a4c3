package io.netcron.server.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NodeConfigTest
{
    @Test
    void timeoutAndIsolationDefaults()
    {
        NodeConfig config = NodeConfig.from(Settings.of(Map.of()));
        assertThat(config.timeoutGrace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.isolatedJavaOptions()).isEqualTo("-Xmx512m -XX:+UseSerialGC");
        assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void timeoutAndIsolationByEnvironmentVariable()
    {
        NodeConfig config = NetcronConfig.load(java.util.Optional.empty(), Map.of(
                "NETCRON_NODE_TIMEOUT_GRACE", "1500ms",
                "NETCRON_NODE_ISOLATED_JAVA_OPTIONS", "-Xmx64m")).node();
        assertThat(config.timeoutGrace()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.isolatedJavaOptions()).isEqualTo("-Xmx64m");
    }
}
