package io.netcron.server.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** Node processes on one test database, closed together. */
public final class Cluster
        implements AutoCloseable
{
    private final TestDatabase database;
    private final Map<String, String> environment;
    private final List<NodeProcess> nodes = new ArrayList<>();

    public Cluster(TestDatabase database, Map<String, String> extraEnvironment)
    {
        this.database = database;
        this.environment = new HashMap<>(database.environment());
        this.environment.putAll(Map.of(
                "NETCRON_THREADS", "8",
                "NETCRON_NODE_SHUTDOWN_GRACE", "20s"));
        this.environment.putAll(extraEnvironment);
    }

    public Map<String, String> environment()
    {
        return Map.copyOf(environment);
    }

    public NodeProcess start(String nodeId)
    {
        NodeProcess node = NodeProcess.startServer(nodeId, environment);
        nodes.add(node);
        return node;
    }

    /** Waits until each named node reports state 'active' in netcron.node. */
    public void awaitActive(Duration timeout, NodeProcess... processes)
    {
        for (NodeProcess process : processes) {
            await(process.name() + " active").atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError(process.name() + " exited; log:\n" + process.output());
                }
                try {
                    return "active".equals(Sql.value(database, "SELECT state FROM netcron.node WHERE node_id = ?", process.name()));
                }
                catch (IllegalStateException e) {
                    return false; // schema not there yet
                }
            });
        }
    }

    @Override
    public void close()
    {
        nodes.forEach(NodeProcess::close);
    }
}
