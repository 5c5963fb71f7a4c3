package io.netcron.fanout;

import io.netcron.job.Cancellation;
import io.netcron.job.Deadline;

import static java.util.Objects.requireNonNull;

/**
 * One target's limits: the deadline to hand to every client call (the per-target timeout or the
 * run's deadline, whichever is first), and resources to close when the target is abandoned.
 */
public final class TargetScope
{
    private final Deadline deadline;
    private final Cancellation cancellation;

    TargetScope(Deadline deadline, Cancellation cancellation)
    {
        this.deadline = requireNonNull(deadline, "deadline is null");
        this.cancellation = requireNonNull(cancellation, "cancellation is null");
    }

    public Deadline deadline()
    {
        return deadline;
    }

    /** Closes {@code resource} (a socket, a session) if the target times out or the run is cancelled. */
    public Cancellation.Registration onCancel(AutoCloseable resource)
    {
        return cancellation.register(resource);
    }
}
