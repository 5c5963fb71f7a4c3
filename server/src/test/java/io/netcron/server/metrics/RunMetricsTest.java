package io.netcron.server.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netcron.job.RunCause;
import io.netcron.server.execution.RunEvent;
import io.netcron.server.run.RunEnd;
import io.netcron.server.run.RunStart;
import io.netcron.server.run.RunStatus;
import io.netcron.server.testing.PrometheusText;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RunMetricsTest
{
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:10Z");

    private final PrometheusMeterRegistry registry = MetricsRegistries.create("node-a");
    private final NetcronMetrics metrics = new NetcronMetrics(registry);
    private final RunMetrics listener = new RunMetrics(metrics, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void runsAreCountedByJobStatusAndCauseWithDurationsAndFireDelay()
    {
        RunStart start = start("inventory", RunCause.SCHEDULE, NOW.minusMillis(300));
        listener.onEvent(new RunEvent.Started(start, 1));
        listener.onEvent(new RunEvent.Finished(start, 1, new RunEnd(RunStatus.SUCCEEDED, "{}", null, null, Duration.ofMillis(1500))));
        listener.onEvent(new RunEvent.Finished(start, 2, new RunEnd(RunStatus.FAILED, null, "boom", null, Duration.ofMillis(20))));

        PrometheusText text = PrometheusText.parse(registry.scrape());
        assertThat(text.sum("netcron_runs_total", Map.of("job_name", "inventory", "status", "succeeded", "cause", "schedule", "node", "node-a"))).isEqualTo(1);
        assertThat(text.sum("netcron_runs_total", Map.of("job_name", "inventory", "status", "failed"))).isEqualTo(1);
        assertThat(text.sum("netcron_run_duration_seconds_count", Map.of("job_name", "inventory"))).isEqualTo(2);
        assertThat(text.sum("netcron_run_duration_seconds_bucket", Map.of("job_name", "inventory", "status", "succeeded", "le", "1.0"))).isZero();
        assertThat(text.sum("netcron_run_duration_seconds_bucket", Map.of("job_name", "inventory", "status", "succeeded", "le", "10.0"))).isEqualTo(1);
        assertThat(text.sum("netcron_fire_delay_seconds_sum", Map.of("job_name", "inventory", "cause", "schedule"))).isCloseTo(0.3, within(1e-9));
        assertThat(text.family("netcron_fire_delay_seconds").orElseThrow().type()).isEqualTo("histogram");
    }

    @Test
    void retriesAreCountedAndKeptOutOfTheFireDelay()
    {
        listener.onEvent(new RunEvent.Started(start("inventory", RunCause.RETRY, NOW.minusSeconds(60)), 3));

        PrometheusText text = PrometheusText.parse(registry.scrape());
        assertThat(text.sum("netcron_retries_total", Map.of("job_name", "inventory"))).isEqualTo(1);
        assertThat(text.sum("netcron_fire_delay_seconds_count", Map.of())).isZero();
    }

    @Test
    void skippedRunsAndMisfiresAreCounted()
    {
        listener.onEvent(new RunEvent.Skipped(start("backup", RunCause.SCHEDULE, NOW), 4, "previous run still going"));
        metrics.misfire("backup");
        metrics.misfire("backup");

        PrometheusText text = PrometheusText.parse(registry.scrape());
        assertThat(text.sum("netcron_runs_skipped_total", Map.of("job_name", "backup"))).isEqualTo(1);
        assertThat(text.sum("netcron_runs_total", Map.of("job_name", "backup", "status", "skipped"))).isEqualTo(1);
        assertThat(text.sum("netcron_misfires_total", Map.of("job_name", "backup"))).isEqualTo(2);
    }

    private static RunStart start(String job, RunCause cause, Instant scheduledAt)
    {
        return new RunStart(job, scheduledAt, cause == RunCause.RETRY ? 2 : 1, cause, "node-a", true);
    }
}
