package io.netcron.server.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuartzConfigTest
{
    @Test
    void defaults()
    {
        QuartzConfig config = QuartzConfig.from(Settings.of(Map.of()));
        assertThat(config).isEqualTo(new QuartzConfig("netcron", Duration.ofSeconds(1), Duration.ofSeconds(10), 30, Duration.ofSeconds(10),
                Duration.ofSeconds(3), 100, Duration.ofHours(1), Duration.ofSeconds(30), 2));
        assertThat(config.failureWindow()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void everySettingByItsEnvironmentVariable()
    {
        QuartzConfig config = NetcronConfig.load(java.util.Optional.empty(), Map.of(
                "NETCRON_QUARTZ_SCHEDULER_NAME", "other",
                "NETCRON_QUARTZ_CHECKIN_INTERVAL", "1s",
                "NETCRON_QUARTZ_MISFIRE_THRESHOLD", "2s",
                "NETCRON_QUARTZ_BATCH_SIZE", "5",
                "NETCRON_QUARTZ_RECONCILE_INTERVAL", "3s",
                "NETCRON_QUARTZ_FAILURE_SLACK", "4s",
                "NETCRON_QUARTZ_CATCH_UP_MAX", "7",
                "NETCRON_QUARTZ_MAX_RETRY_DELAY", "10m",
                "NETCRON_QUARTZ_STUCK_TRIGGER_CHECK", "6s",
                "NETCRON_QUARTZ_PARTITIONS", "3")).quartz();
        assertThat(config).isEqualTo(new QuartzConfig("other", Duration.ofSeconds(1), Duration.ofSeconds(2), 5, Duration.ofSeconds(3),
                Duration.ofSeconds(4), 7, Duration.ofMinutes(10), Duration.ofSeconds(6), 3));
        assertThat(config.schedulerNames()).containsExactly("other", "other-1", "other-2");
    }

    @Test
    void outOfRangeValuesAreNamed()
    {
        assertThatThrownBy(() -> NetcronConfig.load(java.util.Optional.empty(), Map.of("NETCRON_QUARTZ_CATCH_UP_MAX", "0", "NETCRON_QUARTZ_FAILURE_SLACK", "1h")))
                .hasMessageContaining("quartz.catch-up-max (NETCRON_QUARTZ_CATCH_UP_MAX): must be between 1 and 10000, got 0")
                .hasMessageContaining("quartz.failure-slack (NETCRON_QUARTZ_FAILURE_SLACK): must be between 500ms and 10m, got 1h");
    }
}
