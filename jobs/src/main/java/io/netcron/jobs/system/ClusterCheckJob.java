package io.netcron.jobs.system;

import jakarta.inject.Inject;
import io.netcron.cluster.ClusterView;
import io.netcron.cluster.ClusterView.NodeStatus;
import io.netcron.job.JobContext;
import io.netcron.job.JobFailedException;
import io.netcron.job.JobResult;
import io.netcron.job.JobSpec;
import io.netcron.job.NetcronJob;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Cluster self-check, useful on a fresh install: database round trip, each node's clock
 * offset from the database, and nodes that stopped checking in. Fails when a clock is off by
 * more than {@code max_clock_offset_ms} (Quartz clusters need clocks within a second).
 */
@JobSpec(
        name = "cluster-check",
        category = "system",
        description = "Database round trip, node clock offsets and stale nodes",
        schedule = "0 * * * * ?",
        maxRuntime = "1m",
        paramsType = ClusterCheckParams.class)
public final class ClusterCheckJob
        implements NetcronJob
{
    private final ClusterView cluster;

    @Inject
    public ClusterCheckJob(ClusterView cluster)
    {
        this.cluster = requireNonNull(cluster, "cluster is null");
    }

    @Override
    public JobResult execute(JobContext context)
            throws Exception
    {
        long maxOffset = context.params(ClusterCheckParams.class).maxClockOffsetMs();
        long roundTripMicros = cluster.databaseRoundTrip().toNanos() / 1_000;
        List<NodeStatus> nodes = cluster.nodes();
        List<String> alive = nodes.stream().filter(NodeStatus::alive).map(NodeStatus::nodeId).toList();
        List<String> stale = nodes.stream()
                .filter(node -> !node.alive() && !"stopped".equals(node.state()))
                .map(NodeStatus::nodeId)
                .toList();
        List<String> skewed = nodes.stream()
                .filter(NodeStatus::alive)
                .filter(node -> node.clockOffsetMillis() != null && Math.abs(node.clockOffsetMillis()) > maxOffset)
                .map(node -> node.nodeId() + " (" + node.clockOffsetMillis() + " ms)")
                .toList();
        context.output("db round trip " + roundTripMicros + " us, alive " + alive + ", stale " + stale);
        if (!skewed.isEmpty()) {
            throw new JobFailedException("clock offset from the database above " + maxOffset + " ms on " + String.join(", ", skewed));
        }
        return JobResult.builder()
                .put("db_round_trip_us", roundTripMicros)
                .put("alive_nodes", alive)
                .put("stale_nodes", stale)
                .build();
    }
}
