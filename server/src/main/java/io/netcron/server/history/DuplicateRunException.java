package io.netcron.server.history;

import io.netcron.server.run.RunStart;

/** A second run for the same (job, fire time, attempt): the unique key caught a double firing. */
public final class DuplicateRunException
        extends RuntimeException
{
    public DuplicateRunException(RunStart start)
    {
        super("job " + start.jobName() + " already has attempt " + start.attempt() + " for fire time " + start.scheduledAt());
    }
}
