package io.netcron.server.cli;

import io.netcron.cluster.ClusterView.NodeStatus;
import io.netcron.server.config.NetcronConfig;
import io.netcron.server.node.DatabaseClusterView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "nodes", description = "Cluster members: state, last heartbeat, clock offset from the database.")
public final class NodesCommand
        implements Callable<Integer>
{
    @Mixin
    ConfigOptions options;

    @Override
    public Integer call()
    {
        NetcronConfig config = options.load();
        try (CliDatabase database = CliDatabase.open(config)) {
            List<NodeStatus> nodes = new DatabaseClusterView(database.database(), config.node()).nodes();
            if (nodes.isEmpty()) {
                System.out.println("No nodes have registered yet: start one with 'netcron server'.");
                return 0;
            }
            Table table = new Table("NODE", "HOST", "STATE", "ALIVE", "LAST SEEN", "CLOCK OFFSET MS");
            for (NodeStatus node : nodes) {
                table.add(node.nodeId(), node.host(), node.state(), node.alive() ? "yes" : "no", node.lastSeen(), node.clockOffsetMillis());
            }
            table.print(System.out);
        }
        return 0;
    }
}
