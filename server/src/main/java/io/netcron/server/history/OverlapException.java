package io.netcron.server.history;

import io.netcron.server.run.RunStart;

/** A {@code forbid} job fired while its previous run is still going somewhere in the cluster. */
public final class OverlapException
        extends RuntimeException
{
    public OverlapException(RunStart start)
    {
        super("job " + start.jobName() + " is still running (concurrency forbid)");
    }
}
