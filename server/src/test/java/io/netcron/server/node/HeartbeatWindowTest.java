package io.netcron.server.node;

import io.netcron.cluster.ClusterView;
import io.netcron.server.config.NodeConfig;
import io.netcron.server.config.Settings;
import io.netcron.server.db.Database;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** A node without a lease is alive while its heartbeat is inside the window, for the cluster view and for the run-now check alike. */
class HeartbeatWindowTest
{
    // node.heartbeat 1s: a window of 10 s
    private static final NodeConfig NODE = NodeConfig.from(Settings.of(Map.of("node.id", "this-node", "node.heartbeat", "1s")));
    @ClassDatabase
    private static TestDatabase testDatabase;
    @ClassDatabase
    private static Database database;

    @BeforeAll
    static void insertNodes()
    {
        Sql.execute(testDatabase, """
                INSERT INTO netcron.node (node_id, host, pid, version, started_at, last_seen, state, jobs_discovered) VALUES
                    ('recent', 'h', 1, 'test', now(), now() - interval '5 seconds', 'active', '{only-on-recent}'),
                    ('silent', 'h', 2, 'test', now(), now() - interval '15 seconds', 'active', '{only-on-silent}'),
                    ('stopped', 'h', 3, 'test', now(), now(), 'stopped', '{only-on-stopped}')""");
    }

    @Test
    void theWindowIsFiveHeartbeatsPlusFiveSeconds()
    {
        assertThat(HeartbeatWindow.of(NODE)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aNodeWithoutALeaseIsAliveWhileItsHeartbeatIsInsideTheWindowAndNotStopped()
    {
        assertThat(new DatabaseClusterView(database, NODE).nodes())
                .extracting(ClusterView.NodeStatus::nodeId, ClusterView.NodeStatus::alive)
                .containsExactly(tuple("recent", true), tuple("silent", false), tuple("stopped", false));
    }

    @Test
    void onlyANodeAliveByTheSameWindowCountsAsKnowingAJobType()
    {
        NodeRegistry registry = new NodeRegistry(database, NODE);

        assertThat(registry.anyOtherLiveNodeKnows("only-on-recent")).isTrue();
        assertThat(registry.anyOtherLiveNodeKnows("only-on-silent")).isFalse();
        assertThat(registry.anyOtherLiveNodeKnows("only-on-stopped")).isFalse();
    }
}
