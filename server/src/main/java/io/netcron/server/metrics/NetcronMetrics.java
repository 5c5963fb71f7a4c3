package io.netcron.server.metrics;

import com.google.inject.Inject;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netcron.job.RunCause;
import io.netcron.server.run.RunStatus;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * netcron's own meters, all named {@code netcron_*} in Prometheus. Runs are counted from
 * {@link RunMetrics}; other subsystems inject this class and call {@link #misfire} and friends.
 * The job's name is the {@code job_name} label ({@code job} is Prometheus's own target label).
 */
public final class NetcronMetrics
{
    public static final String JOB_TAG = "job_name";
    public static final String STATUS_TAG = "status";
    public static final String CAUSE_TAG = "cause";

    private static final Duration[] RUN_DURATION_BUCKETS = {
            Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1),
            Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2)};
    private static final Duration[] FIRE_DELAY_BUCKETS = {
            Duration.ofMillis(50), Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(30), Duration.ofMinutes(5)};

    private final MeterRegistry registry;

    @Inject
    public NetcronMetrics(MeterRegistry registry)
    {
        this.registry = requireNonNull(registry, "registry is null");
    }

    /** A firing Quartz found later than the misfire threshold (whatever the job's misfire policy then did). */
    public void misfire(String job)
    {
        Counter.builder("netcron.misfires")
                .description("Firings that were late beyond the misfire threshold")
                .tag(JOB_TAG, job)
                .register(registry)
                .increment();
    }

    /** A run began: fire delay (start minus scheduled time) and, for retries, the retry count. */
    public void runStarted(String job, RunCause cause, Duration fireDelay)
    {
        if (cause == RunCause.RETRY) {
            Counter.builder("netcron.retries")
                    .description("Runs started as a retry of a failed attempt")
                    .tag(JOB_TAG, job)
                    .register(registry)
                    .increment();
            return; // a retry's scheduled time is its first attempt's: its delay is the backoff, not lateness
        }
        Timer.builder("netcron.fire.delay")
                .description("Start of a run minus the time it was scheduled for")
                .tag(JOB_TAG, job)
                .tag(CAUSE_TAG, cause.sqlName())
                .serviceLevelObjectives(FIRE_DELAY_BUCKETS)
                .register(registry)
                .record(fireDelay.isNegative() ? Duration.ZERO : fireDelay);
    }

    /** A run ended (succeeded, failed, timed out...). */
    public void runEnded(String job, RunCause cause, RunStatus status, Duration duration)
    {
        runs(job, cause, status).increment();
        Timer.builder("netcron.run.duration")
                .description("How long runs took, by final status")
                .tag(JOB_TAG, job)
                .tag(STATUS_TAG, status.sqlName())
                .serviceLevelObjectives(RUN_DURATION_BUCKETS)
                .register(registry)
                .record(duration);
    }

    /** A firing that did not run (the previous run of a {@code forbid} job was still going). */
    public void runSkipped(String job, RunCause cause)
    {
        runs(job, cause, RunStatus.SKIPPED).increment();
        Counter.builder("netcron.runs.skipped")
                .description("Firings skipped because the previous run was still going (concurrency forbid)")
                .tag(JOB_TAG, job)
                .register(registry)
                .increment();
    }

    private Counter runs(String job, RunCause cause, RunStatus status)
    {
        return Counter.builder("netcron.runs")
                .description("Runs that ended on this node, by job, final status and cause")
                .tag(JOB_TAG, job)
                .tag(STATUS_TAG, status.sqlName())
                .tag(CAUSE_TAG, cause.sqlName())
                .register(registry);
    }
}
