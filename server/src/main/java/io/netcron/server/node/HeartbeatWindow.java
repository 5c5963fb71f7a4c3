package io.netcron.server.node;

import io.netcron.server.config.NodeConfig;

import java.time.Duration;

/**
 * The one rule for "a node's heartbeat is recent": its {@code netcron.node.last_seen} within five
 * heartbeat intervals plus five seconds of the database's {@code now()}. A node without a lease is
 * alive by it ({@link DatabaseClusterView}: {@code netcron nodes}, the Cluster MBean, the
 * dashboard); {@link NodeRegistry#anyOtherLiveNodeKnows} counts the other nodes by it; and a node
 * silent for longer is lost ({@code alerts.NodeLossDetector}).
 */
public final class HeartbeatWindow
{
    /** SQL condition on a {@code netcron.node} row: heartbeat within the window. Binds one parameter, the window in milliseconds. */
    public static final String RECENT = "last_seen > now() - make_interval(secs => ? / 1000.0)";
    /** SQL condition on a {@code netcron.node} row: no heartbeat for longer than the window. Binds one parameter, the window in milliseconds. */
    public static final String SILENT = "last_seen < now() - make_interval(secs => ? / 1000.0)";

    private HeartbeatWindow() {}

    public static Duration of(NodeConfig node)
    {
        return node.heartbeatInterval().multipliedBy(5).plusSeconds(5);
    }
}
