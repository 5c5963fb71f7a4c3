package io.netcron.server.execution;

import io.netcron.server.run.RunEnd;
import io.netcron.server.history.RunHistory;
import io.netcron.server.run.RunStart;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs this process is responsible for: from just before its start is recorded until its end
 * is stored. A run whose end could not be stored stays here, with the end, until a later try
 * stores it. Whatever this node's rows say is {@code running} and is not here, this node is not
 * running: it ends those rows itself (see {@code node.OwnRunCheck}).
 */
public final class OwnRuns
{
    private final Map<RunHistory.OwnRun, Boolean> active = new ConcurrentHashMap<>();
    private final Map<Long, PendingEnd> pendingEnds = new ConcurrentHashMap<>();
    private final Set<Long> lingering = ConcurrentHashMap.newKeySet();
    private volatile boolean retrying;

    /** Registers a run about to be recorded; false if this process already has it (a double firing). */
    boolean starting(RunStart start)
    {
        return active.putIfAbsent(key(start), Boolean.TRUE) == null;
    }

    /** The run's start was refused (overlap, duplicate): not this node's. */
    void notStarted(RunStart start)
    {
        active.remove(key(start));
    }

    /** The run's end is stored. */
    void ended(RunStart start, long runId)
    {
        pendingEnds.remove(runId);
        active.remove(key(start));
    }

    /** Keeps an end that could not be stored, to be tried again; false when no one retries (no node running). */
    boolean keep(long runId, RunStart start, RunEnd end)
    {
        if (!retrying) {
            return false;
        }
        pendingEnds.putIfAbsent(runId, new PendingEnd(runId, start, end, Instant.now()));
        return true;
    }

    /** Called by the node when it starts retrying pending ends. */
    public void retryPendingEnds()
    {
        retrying = true;
    }

    public List<PendingEnd> pendingEnds()
    {
        return List.copyOf(pendingEnds.values());
    }

    void lingering(long runId, boolean still)
    {
        if (still) {
            lingering.add(runId);
        }
        else {
            lingering.remove(runId);
        }
    }

    /** Runs whose thread ignored the interrupt and still goes on. */
    public Set<Long> lingeringRuns()
    {
        return Set.copyOf(lingering);
    }

    /** (job, fire time, attempt) of every run this node is responsible for. */
    public Set<RunHistory.OwnRun> runs()
    {
        return Set.copyOf(active.keySet());
    }

    private static RunHistory.OwnRun key(RunStart start)
    {
        return new RunHistory.OwnRun(start.jobName(), start.scheduledAt(), start.attempt());
    }

    public record PendingEnd(long runId, RunStart start, RunEnd end, Instant since) {}
}
