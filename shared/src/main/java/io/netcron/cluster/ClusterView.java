package io.netcron.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A read-only look at the cluster, for self-check jobs. */
public interface ClusterView
{
    /** Time of one database round trip. */
    Duration databaseRoundTrip();

    List<NodeStatus> nodes();

    record NodeStatus(String nodeId, String host, String state, Instant lastSeen, Integer clockOffsetMillis, boolean alive) {}
}
