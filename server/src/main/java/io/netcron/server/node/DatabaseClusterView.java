package io.netcron.server.node;

import com.google.inject.Inject;
import io.netcron.cluster.ClusterView;
import io.netcron.server.config.NodeConfig;
import io.netcron.server.db.Database;
import io.netcron.server.db.Handle;

import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** {@link ClusterView} from {@code netcron.node}: a node is alive while it holds its lease (an older node without one: while its heartbeat is recent, {@link HeartbeatWindow}). */
public final class DatabaseClusterView
        implements ClusterView
{
    private final Database database;
    private final Duration aliveWindow;

    @Inject
    public DatabaseClusterView(Database database, NodeConfig config)
    {
        this.database = requireNonNull(database, "database is null");
        this.aliveWindow = HeartbeatWindow.of(config);
    }

    @Override
    public Duration databaseRoundTrip()
    {
        long before = System.nanoTime();
        database.queryOne("SELECT 1", row -> row.getInt(1));
        return Duration.ofNanos(System.nanoTime() - before);
    }

    @Override
    public List<NodeStatus> nodes()
    {
        return database.query("""
                        SELECT node_id, host, state, last_seen, clock_offset_ms,
                               state NOT IN ('stopped') AND CASE WHEN lease_pid IS NOT NULL THEN netcron.node_lease_held(node_id)
                                                                 ELSE %s END AS alive
                        FROM netcron.node ORDER BY node_id""".formatted(HeartbeatWindow.RECENT),
                row -> new NodeStatus(row.getString("node_id"), row.getString("host"), row.getString("state"),
                        Handle.instant(row, "last_seen"), Handle.nullableInt(row, "clock_offset_ms"), row.getBoolean("alive")),
                aliveWindow.toMillis());
    }
}
