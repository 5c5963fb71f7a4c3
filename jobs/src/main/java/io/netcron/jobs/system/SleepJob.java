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
 * Diagnostic no-op: sleeps for {@code duration_ms} (default 0), reporting progress in milliseconds,
 * and fails with probability {@code fail_rate} (0..1). Operators smoke-test a cluster with it; tests and benchmarks use it.
 */
@JobSpec(
        name = "sleep",
        category = "diagnostic",
        description = "Sleeps for params.duration_ms and fails with probability params.fail_rate; for smoke tests",
        maxRuntime = "10m",
        concurrency = Concurrency.ALLOW,
        paramsType = SleepParams.class)
public final class SleepJob
        implements NetcronJob
{
    @Override
    public JobResult execute(JobContext context)
            throws Exception
    {
        SleepParams params = context.params(SleepParams.class);
        long durationMs = params.durationMs();
        double failRate = params.failRate();
        long began = System.nanoTime();
        long deadline = began + Duration.ofMillis(durationMs).toNanos();
        // sleep in slices so an interrupt (max runtime, drain) stops it promptly
        while (System.nanoTime() < deadline) {
            context.checkInterrupted();
            context.progress(Math.min(durationMs, (System.nanoTime() - began) / 1_000_000), durationMs);
            Thread.sleep(Math.min(100, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
        }
        context.progress(durationMs, durationMs);
        if (failRate > 0 && ThreadLocalRandom.current().nextDouble() < failRate) {
            throw new JobFailedException("simulated failure (fail_rate " + failRate + ")");
        }
        return JobResult.of("slept_ms", durationMs);
    }
}
