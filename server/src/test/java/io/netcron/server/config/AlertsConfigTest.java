package io.netcron.server.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertsConfigTest
{
    private static final AlertsConfig DEFAULTS = new AlertsConfig(true, Duration.ofSeconds(5), Duration.ofHours(4), Duration.ofSeconds(30),
            Duration.ofHours(1), 10, Duration.ofSeconds(10), Optional.empty(), 25, "netcron@localhost", Optional.empty(), false);

    @Test
    void defaults()
    {
        assertThat(AlertsConfig.from(Settings.of(Map.of()))).isEqualTo(DEFAULTS);
    }

    @Test
    void everySettingByItsEnvironmentVariable()
    {
        AlertsConfig config = NetcronConfig.load(Optional.empty(), Map.ofEntries(
                Map.entry("NETCRON_ALERTS_ENABLED", "false"),
                Map.entry("NETCRON_ALERTS_POLL_INTERVAL", "1s"),
                Map.entry("NETCRON_ALERTS_REMINDER_INTERVAL", "30m"),
                Map.entry("NETCRON_ALERTS_RETRY_BACKOFF", "5s"),
                Map.entry("NETCRON_ALERTS_MAX_RETRY_DELAY", "10m"),
                Map.entry("NETCRON_ALERTS_MAX_ATTEMPTS", "3"),
                Map.entry("NETCRON_ALERTS_SEND_TIMEOUT", "2s"),
                Map.entry("NETCRON_ALERTS_SMTP_HOST", "smtp.example.net"),
                Map.entry("NETCRON_ALERTS_SMTP_PORT", "587"),
                Map.entry("NETCRON_ALERTS_SMTP_FROM", "noc@example.net"),
                Map.entry("NETCRON_ALERTS_SMTP_CREDENTIAL", "smtp"),
                Map.entry("NETCRON_ALERTS_SMTP_STARTTLS", "true"))).alerts();

        assertThat(config).isEqualTo(new AlertsConfig(false, Duration.ofSeconds(1), Duration.ofMinutes(30), Duration.ofSeconds(5), Duration.ofMinutes(10),
                3, Duration.ofSeconds(2), Optional.of("smtp.example.net"), 587, "noc@example.net", Optional.of("smtp"), true));
    }

    @Test
    void exampleConfigFileHasTheAlertsSection()
    {
        Settings example = new Settings(NetcronConfig.readFile(Path.of("..", "deploy", "netcron.example.yaml")), Map.of(), "example");

        assertThat(AlertsConfig.from(example)).isEqualTo(DEFAULTS);
        assertThat(example.errors()).isEmpty();
    }

    @Test
    void retryDelayDoublesUpToTheCap()
    {
        AlertsConfig config = AlertsConfig.from(Settings.of(Map.of("alerts.retry-backoff", "10s", "alerts.max-retry-delay", "35s")));

        assertThat(config.retryDelay(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.retryDelay(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.retryDelay(3)).isEqualTo(Duration.ofSeconds(35));
        assertThat(config.retryDelay(50)).isEqualTo(Duration.ofSeconds(35));
    }

    @Test
    void badValuesAreNamed()
    {
        assertThatThrownBy(() -> NetcronConfig.load(Optional.empty(), Map.of("NETCRON_ALERTS_SMTP_FROM", "nobody", "NETCRON_ALERTS_MAX_ATTEMPTS", "0")))
                .hasMessageContaining("alerts.smtp-from (NETCRON_ALERTS_SMTP_FROM): must be an e-mail address, got 'nobody'")
                .hasMessageContaining("alerts.max-attempts (NETCRON_ALERTS_MAX_ATTEMPTS): must be between 1 and 1000, got 0");
    }
}
