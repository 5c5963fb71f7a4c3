package io.netcron.server.node;

import com.google.inject.Inject;
import io.netcron.server.config.NodeConfig;
import io.netcron.server.config.QuartzConfig;
import io.netcron.server.history.RunHistory;
import io.netcron.server.lifecycle.PeriodicTask;
import io.netcron.server.lifecycle.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * On every node, every heartbeat: {@code running} rows whose node is dead (its lease gone and its
 * heartbeat silent, restarted since, or stopped; a node without a lease: declared failed by the
 * Quartz cluster) become {@code abandoned}, so no run stays
 * "running" forever and a {@code forbid} job is not blocked by a run that no longer exists. The
 * firing itself is re-run by Quartz's recovery when the job is recoverable.
 */
public final class AbandonedRunSweeper
        implements Service
{
    private static final Logger log = LoggerFactory.getLogger(AbandonedRunSweeper.class);

    private final RunHistory history;
    private final QuartzConfig quartz;
    private final NodeConfig node;
    private PeriodicTask sweeps;

    @Inject
    public AbandonedRunSweeper(RunHistory history, QuartzConfig quartz, NodeConfig node)
    {
        this.history = requireNonNull(history, "history is null");
        this.quartz = requireNonNull(quartz, "quartz is null");
        this.node = requireNonNull(node, "node is null");
    }

    @Override
    public void start()
    {
        sweep();
        sweeps = PeriodicTask.every(node.heartbeatInterval(), "netcron-sweeper", log, "Sweeping abandoned runs", this::sweep);
    }

    public List<RunHistory.Abandoned> sweep()
    {
        try {
            // a run outside any node (single-task mode) gets its max runtime, the timeout grace and a failure window
            Duration runtimeGrace = node.timeoutGrace().plus(quartz.failureWindow());
            List<RunHistory.Abandoned> abandoned = history.sweepAbandoned(quartz.schedulerName(), quartz.failureWindow(), node.leaseSilence(), runtimeGrace);
            for (RunHistory.Abandoned run : abandoned) {
                log.warn("Run {} of job {} on node {} {}", run.id(), run.jobName(), run.nodeId(), run.error());
            }
            history.freeLingeringOfDeadNodes(node.leaseSilence());
            return abandoned;
        }
        catch (RuntimeException e) {
            log.warn("Sweeping abandoned runs failed: {}", e.getMessage());
            return List.of();
        }
    }

    @Override
    public void stop()
    {
        if (sweeps != null) {
            sweeps.close();
        }
    }
}
