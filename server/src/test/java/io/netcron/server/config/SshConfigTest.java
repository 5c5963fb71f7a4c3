package io.netcron.server.config;

import io.netcron.ssh.KnownHostsPolicy;
import io.netcron.ssh.SshSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SshConfigTest
{
    @Test
    void defaults()
    {
        SshConfig config = SshConfig.from(Settings.of(Map.of()));

        assertThat(config).isEqualTo(new SshConfig(Duration.ofSeconds(10), Duration.ofSeconds(30), 4 * 1024 * 1024, KnownHostsPolicy.TOFU));
        assertThat(config.toSettings()).isEqualTo(SshSettings.defaults());
    }

    @Test
    void everySettingByItsEnvironmentVariable()
    {
        SshConfig config = NetcronConfig.load(Optional.empty(), Map.of(
                "NETCRON_SSH_CONNECT_TIMEOUT", "3s",
                "NETCRON_SSH_COMMAND_TIMEOUT", "2m",
                "NETCRON_SSH_MAX_OUTPUT_BYTES", "65536",
                "NETCRON_SSH_KNOWN_HOSTS_POLICY", "strict")).clients().ssh();

        assertThat(config).isEqualTo(new SshConfig(Duration.ofSeconds(3), Duration.ofMinutes(2), 65536, KnownHostsPolicy.STRICT));
    }

    @Test
    void fileKeysAreKnown()
    {
        SshConfig config = NetcronConfig.fromSettings(Settings.of(Map.of("ssh.connect-timeout", "1s", "ssh.command-timeout", "5s",
                "ssh.max-output-bytes", "2048", "ssh.known-hosts-policy", "TOFU"))).clients().ssh();

        assertThat(config).isEqualTo(new SshConfig(Duration.ofSeconds(1), Duration.ofSeconds(5), 2048, KnownHostsPolicy.TOFU));
    }

    @Test
    void exampleConfigFileHasTheSshSection()
    {
        Map<String, String> example = new java.util.HashMap<>(NetcronConfig.readFile(java.nio.file.Path.of("..", "deploy", "netcron.example.yaml")));
        example.remove("db.password-file"); // points at /etc/netcron, which a test machine has not
        SshConfig config = NetcronConfig.fromSettings(new Settings(example, Map.of(), "example")).clients().ssh();

        assertThat(config).isEqualTo(SshConfig.from(Settings.of(Map.of())));
    }

    @Test
    void badValuesAreNamed()
    {
        assertThatThrownBy(() -> NetcronConfig.load(Optional.empty(), Map.of("NETCRON_SSH_KNOWN_HOSTS_POLICY", "yolo", "NETCRON_SSH_CONNECT_TIMEOUT", "0s")))
                .hasMessageContaining("ssh.known-hosts-policy (NETCRON_SSH_KNOWN_HOSTS_POLICY): must be tofu or strict, got 'yolo'")
                .hasMessageContaining("ssh.connect-timeout (NETCRON_SSH_CONNECT_TIMEOUT): must be between 100ms and 10m, got 0s");
    }
}
