package io.netcron.server.script;

import io.netcron.job.JobContext;
import io.netcron.job.JobFailedException;
import io.netcron.job.JobResult;
import io.netcron.job.NetcronJob;

/**
 * The {@code jobClass} of every script {@link io.netcron.server.catalog.JobType}: script runs go
 * through {@link ScriptExecution} (a child process), never through this class.
 */
public final class ScriptJob
        implements NetcronJob
{
    @Override
    public JobResult execute(JobContext context)
            throws JobFailedException
    {
        throw new JobFailedException("script job " + context.jobName() + " must run as a child process, not in the node's JVM");
    }
}
