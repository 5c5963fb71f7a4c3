package io.netcron.server.testjobs;

import io.netcron.job.JobContext;
import io.netcron.job.JobResult;
import io.netcron.job.JobSpec;
import io.netcron.job.NetcronJob;

/** Reports progress over {@code params.total} steps and returns how many it counted. */
@JobSpec(name = "test-counting", category = "test", description = "Reports progress", params = "{\"total\": 3}")
public final class CountingJob
        implements NetcronJob
{
    @Override
    public JobResult execute(JobContext context)
    {
        long total = context.params().path("total").asLong(3);
        for (long done = 1; done <= total; done++) {
            context.progress(done, total);
        }
        return JobResult.of("counted", total);
    }
}
