package io.netcron.server.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** dns.*, reach.*, reports.*, git.*: defaults and every key by its environment variable. */
class NetworkClientConfigTest
{
    @Test
    void defaults()
    {
        NetcronConfig config = NetcronConfig.load(Optional.empty(), Map.of("NETCRON_DATA_DIR", "/var/lib/netcron"));

        assertThat(config.clients().dns()).isEqualTo(new DnsConfig(Duration.ofSeconds(2)));
        assertThat(config.clients().reach()).isEqualTo(new ReachConfig(Duration.ofSeconds(1), 100, 50, 22));
        assertThat(config.clients().reports()).isEqualTo(new ReportsConfig(Path.of("/var/lib/netcron/reports")));
        assertThat(config.clients().git()).isEqualTo(new GitConfig("netcron", "netcron@localhost", Duration.ofMinutes(2)));
    }

    @Test
    void everySettingByItsEnvironmentVariable()
    {
        NetcronConfig config = NetcronConfig.load(Optional.empty(), Map.of(
                "NETCRON_DNS_TIMEOUT", "750ms",
                "NETCRON_REACH_TIMEOUT", "3s",
                "NETCRON_REACH_MAX_RATE", "20",
                "NETCRON_REACH_MAX_CONCURRENCY", "5",
                "NETCRON_REACH_MAX_PREFIX_LENGTH", "24",
                "NETCRON_REPORTS_DIR", "/srv/reports",
                "NETCRON_GIT_AUTHOR_NAME", "Config Backup",
                "NETCRON_GIT_AUTHOR_EMAIL", "backup@example.net",
                "NETCRON_GIT_TIMEOUT", "30s"));

        assertThat(config.clients().dns()).isEqualTo(new DnsConfig(Duration.ofMillis(750)));
        assertThat(config.clients().reach()).isEqualTo(new ReachConfig(Duration.ofSeconds(3), 20, 5, 24));
        assertThat(config.clients().reach().limits().maxPrefixLength()).isEqualTo(24);
        assertThat(config.clients().reports()).isEqualTo(new ReportsConfig(Path.of("/srv/reports")));
        assertThat(config.clients().git()).isEqualTo(new GitConfig("Config Backup", "backup@example.net", Duration.ofSeconds(30)));
    }

    @Test
    void badValuesAreNamed()
    {
        assertThatThrownBy(() -> NetcronConfig.load(Optional.empty(), Map.of(
                "NETCRON_REACH_MAX_PREFIX_LENGTH", "4",
                "NETCRON_REACH_MAX_RATE", "0",
                "NETCRON_GIT_AUTHOR_EMAIL", "nobody")))
                .hasMessageContaining("reach.max-prefix-length (NETCRON_REACH_MAX_PREFIX_LENGTH): must be between 8 and 32, got 4")
                .hasMessageContaining("reach.max-rate (NETCRON_REACH_MAX_RATE): must be between 1 and 100000, got 0")
                .hasMessageContaining("git.author-email (NETCRON_GIT_AUTHOR_EMAIL): must be an e-mail address, got 'nobody'");
    }
}
