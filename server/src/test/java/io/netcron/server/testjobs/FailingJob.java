package io.netcron.server.testjobs;

import io.netcron.job.JobContext;
import io.netcron.job.JobResult;
import io.netcron.job.JobSpec;
import io.netcron.job.NetcronJob;

/** A job whose device answers garbage: it throws, and the run must say why. */
@JobSpec(name = "test-failing", category = "test", description = "Always throws")
public final class FailingJob
        implements NetcronJob
{
    @Override
    public JobResult execute(JobContext context)
    {
        throw new IllegalStateException("device answered malformed JSON at line 3");
    }
}
