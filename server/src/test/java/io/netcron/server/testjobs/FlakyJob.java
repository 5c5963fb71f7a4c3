package io.netcron.server.testjobs;

import io.netcron.job.JobContext;
import io.netcron.job.JobFailedException;
import io.netcron.job.JobResult;
import io.netcron.job.JobSpec;
import io.netcron.job.NetcronJob;

/** Fails every attempt before {@code succeed_on_attempt} (default 3), then succeeds; optionally sleeps first. */
@JobSpec(name = "test-flaky", category = "test", description = "Fails until a given attempt", maxRetries = 3, retryBackoff = "1s",
        params = "{\"succeed_on_attempt\": 3, \"duration_ms\": 0}")
public final class FlakyJob
        implements NetcronJob
{
    @Override
    public JobResult execute(JobContext context)
            throws Exception
    {
        Thread.sleep(context.params().path("duration_ms").asLong(0));
        int succeedOn = context.params().path("succeed_on_attempt").asInt(3);
        if (context.attempt() < succeedOn) {
            throw new JobFailedException("attempt " + context.attempt() + " failed on purpose (succeeds on attempt " + succeedOn + ")");
        }
        return JobResult.of("attempt", context.attempt());
    }
}
