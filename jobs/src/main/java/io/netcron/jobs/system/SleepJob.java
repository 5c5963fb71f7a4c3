package io.netcron.jobs.system;

import io.netcron.job.Concurrency;
import io.netcron.job.JobContext;
import io.netcron.job.JobFailedException;
import io.netcron.job.JobResult;
import io.netcron.job.JobSpec;
import io.netcron.job.NetcronJob;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Diagnostic no-op: sleeps for {@code duration_ms} (default 0) and fails with probability
 * {@code fail_rate} (0..1). Operators smoke-test a cluster with it; tests and benchmarks use it.
 */
@JobSpec(
        name = "sleep",
        category = "diagnostic",
        description = "Sleeps for params.duration_ms and fails with probability params.fail_rate; for smoke tests",
        maxRuntime = "10m",
        concurrency = Concurrency.ALLOW,
        params = "{\"duration_ms\": 0, \"fail_rate\": 0}")
public final class SleepJob
        implements NetcronJob
{
    @Override
    public JobResult execute(JobContext context)
            throws Exception
    {
        long durationMs = context.params().path("duration_ms").asLong(0);
        double failRate = context.params().path("fail_rate").asDouble(0);
        if (durationMs < 0 || failRate < 0 || failRate > 1) {
            throw new JobFailedException("params: duration_ms must be >= 0 and fail_rate within 0..1");
        }
        long deadline = System.nanoTime() + Duration.ofMillis(durationMs).toNanos();
        // sleep in slices so an interrupt (max runtime, drain) stops it promptly
        while (System.nanoTime() < deadline) {
            context.checkInterrupted();
            Thread.sleep(Math.min(100, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
        }
        if (failRate > 0 && ThreadLocalRandom.current().nextDouble() < failRate) {
            throw new JobFailedException("simulated failure (fail_rate " + failRate + ")");
        }
        return JobResult.of("slept_ms", durationMs);
    }
}
