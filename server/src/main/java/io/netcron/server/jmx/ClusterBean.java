package io.netcron.server.jmx;

import com.google.inject.Inject;
import io.netcron.cluster.ClusterView;
import io.netcron.cluster.ClusterView.NodeStatus;
import io.netcron.server.db.DatabaseException;

import java.util.Date;
import java.util.List;

import static java.util.Objects.requireNonNull;

public final class ClusterBean
        implements ClusterMXBean
{
    private final ClusterView cluster;

    @Inject
    public ClusterBean(ClusterView cluster)
    {
        this.cluster = requireNonNull(cluster, "cluster is null");
    }

    @Override
    public NodeInfo[] getNodes()
    {
        return nodes().stream()
                .map(node -> new NodeInfo(node.nodeId(), node.host(), node.state(),
                        node.lastSeen() == null ? null : Date.from(node.lastSeen()), node.clockOffsetMillis(), node.alive()))
                .toArray(NodeInfo[]::new);
    }

    @Override
    public String[] getAliveNodes()
    {
        return nodes().stream().filter(NodeStatus::alive).map(NodeStatus::nodeId).toArray(String[]::new);
    }

    @Override
    public int getAliveNodeCount()
    {
        return getAliveNodes().length;
    }

    private List<NodeStatus> nodes()
    {
        try {
            return cluster.nodes();
        }
        catch (DatabaseException e) {
            // a console has no JDBC driver classes: a plain exception with the message
            throw new IllegalStateException("cannot read netcron.node: " + e.getMessage());
        }
    }
}
