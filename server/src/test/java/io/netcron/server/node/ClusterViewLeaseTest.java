package io.netcron.server.node;

import io.netcron.cluster.ClusterView;
import io.netcron.server.config.NodeConfig;
import io.netcron.server.config.Settings;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** {@code netcron nodes} and the jobs' cluster view call a node alive while it holds its lease, whatever its heartbeat says. */
class ClusterViewLeaseTest
{
    @ClassDatabase
    private static TestDatabase testDatabase;
    private static DatabaseClusterView view;

    @BeforeAll
    static void insertNodes()
    {
        view = new DatabaseClusterView(testDatabase.migratedPool(), NodeConfig.from(Settings.of(Map.of())));
        Sql.execute(testDatabase, """
                INSERT INTO netcron.node (node_id, host, pid, version, started_at, last_seen, state, lease_pid) VALUES
                    ('paused', 'h', 1, 'test', now(), now() - interval '1 minute', 'active', 1),
                    ('killed', 'h', 2, 'test', now(), now(), 'active', 2)""");
    }

    @Test
    void aNodeHoldingItsLeaseIsAliveAndOneWithoutItIsNotWhateverTheHeartbeat()
            throws Exception
    {
        try (Connection session = testDatabase.connect(); Statement statement = session.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(hashtext('netcron.node_lease'), hashtext('paused'))");

            assertThat(view.nodes()).extracting(ClusterView.NodeStatus::nodeId, ClusterView.NodeStatus::alive)
                    .containsExactly(tuple("killed", false), tuple("paused", true));
        }
    }
}
