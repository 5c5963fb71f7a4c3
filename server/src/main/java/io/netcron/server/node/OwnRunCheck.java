package io.netcron.server.node;

import com.google.inject.Inject;
import io.netcron.server.config.NodeConfig;
import io.netcron.server.execution.DatabaseRunRecorder;
import io.netcron.server.execution.OwnRuns;
import io.netcron.server.history.RunHistory;
import io.netcron.server.lifecycle.PeriodicTask;
import io.netcron.server.lifecycle.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The node is the authority on its own runs. Every heartbeat it stores the ends it could not store
 * before (the database was away longer than the end's retries), then ends its {@code running}
 * rows that it is not running: a start that was recorded but whose run never went on here (the
 * insert committed and its answer was lost), or a run of an earlier incarnation. Otherwise such a
 * row stays {@code running} while the node lives, and a {@code forbid} job is skipped at every firing.
 * Rows marked lingering (a thread that ignored its interrupt) whose thread the node no longer has
 * are freed too.
 */
public final class OwnRunCheck
        implements Service
{
    private static final Logger log = LoggerFactory.getLogger(OwnRunCheck.class);

    private final OwnRuns own;
    private final DatabaseRunRecorder recorder;
    private final RunHistory history;
    private final NodeConfig node;
    private PeriodicTask checks;

    @Inject
    public OwnRunCheck(OwnRuns own, DatabaseRunRecorder recorder, RunHistory history, NodeConfig node)
    {
        this.own = requireNonNull(own, "own is null");
        this.recorder = requireNonNull(recorder, "recorder is null");
        this.history = requireNonNull(history, "history is null");
        this.node = requireNonNull(node, "node is null");
    }

    @Override
    public void start()
    {
        own.retryPendingEnds();
        checks = PeriodicTask.every(node.heartbeatInterval(), "netcron-own-runs", log, "Checking this node's runs", this::check);
    }

    public void check()
    {
        for (OwnRuns.PendingEnd pending : own.pendingEnds()) {
            try {
                recorder.retryEnd(pending);
            }
            catch (RuntimeException e) {
                log.debug("The end of run {} still cannot be stored: {}", pending.runId(), e.getMessage());
                return; // the database is still away; next heartbeat
            }
        }
        int freed = history.clearLingering(node.nodeId(), own.lingeringRuns());
        if (freed > 0) {
            log.info("Freed the forbid slots of {} runs whose threads this node no longer has", freed);
        }
        List<RunHistory.Abandoned> ended = history.endOrphans(node.nodeId(), own.runs(),
                "abandoned: node " + node.nodeId() + " is not running this run (its start was recorded but the run did not go on on this node, or it belongs to an earlier start of the node)");
        for (RunHistory.Abandoned run : ended) {
            log.warn("Run {} of job {} was recorded running on this node, which is not running it: ended abandoned", run.id(), run.jobName());
        }
    }

    @Override
    public void stop()
    {
        if (checks != null) {
            checks.close();
        }
    }
}
