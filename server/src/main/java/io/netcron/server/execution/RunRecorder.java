package io.netcron.server.execution;

import io.netcron.server.run.RunEnd;
import io.netcron.server.run.RunStart;
import io.netcron.server.run.Progress;

/** Where runs are recorded: the database, or nowhere (single-task mode without a database). */
public interface RunRecorder
{
    RunRecorder NONE = new RunRecorder()
    {
        @Override
        public long started(RunStart start)
        {
            return 0;
        }

        @Override
        public void finished(long runId, RunStart start, RunEnd end) {}

        @Override
        public long skipped(RunStart start, String reason)
        {
            return 0;
        }
    };

    /** Returns the run id; throws {@link io.netcron.server.history.DuplicateRunException} for a double firing and
     * {@link io.netcron.server.history.OverlapException} when a {@code forbid} job is already running. */
    long started(RunStart start);

    void finished(long runId, RunStart start, RunEnd end);

    /** Records a firing that was not run, with the reason. */
    long skipped(RunStart start, String reason);

    /** Writes a running run's progress (throttled by the caller); nothing without a database. */
    default void progress(long runId, Progress progress) {}

    /**
     * A run whose thread ignored the interrupt (its end is or will be recorded) still has that
     * thread going ({@code true}), or the thread has ended at last ({@code false}): a {@code forbid}
     * job's slot stays taken meanwhile. Best effort, never throws; nothing without a database.
     */
    default void lingering(long runId, boolean lingering) {}
}
