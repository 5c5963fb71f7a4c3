package io.netcron.server.node;

import io.netcron.server.config.NodeConfig;
import io.netcron.server.config.QuartzConfig;
import io.netcron.server.config.Settings;
import io.netcron.server.db.Database;
import io.netcron.server.errors.UserException;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every live node must spread the jobs over the same Quartz partitions, or two nodes would disagree about where a job lives. */
class PartitionCountAgreementTest
{
    @ClassDatabase
    private static TestDatabase testDatabase;
    @ClassDatabase
    private static Database database;

    @Test
    void aNodeWithAnotherPartitionCountThanALiveNodeDoesNotStartAndSaysWhy()
            throws Exception
    {
        registry("two-a", 2).register(List.of(), List.of());
        try (Connection session = testDatabase.connect(); Statement statement = session.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(hashtext('netcron.node_lease'), hashtext('two-a'))");
            Sql.execute(testDatabase, "UPDATE netcron.node SET state = 'active' WHERE node_id = 'two-a'");

            assertThatThrownBy(() -> registry("four", 4).register(List.of(), List.of()))
                    .isInstanceOf(UserException.class)
                    .hasMessage("quartz.partitions is 4 on this node but different on live node(s) two-a (2): every node of a cluster must use the same number "
                            + "(to change it, stop all nodes, then start them with the new value)");
            assertThat(Sql.count(testDatabase, "SELECT count(*) FROM netcron.node WHERE node_id = 'four'")).isZero();

            registry("two-b", 2).register(List.of(), List.of());
            assertThat(Sql.value(testDatabase, "SELECT quartz_partitions FROM netcron.node WHERE node_id = 'two-b'")).isEqualTo(2);
        }
        // the node with two partitions is gone (its lease is free): the cluster may change its count
        Sql.execute(testDatabase, "UPDATE netcron.node SET state = 'stopped' WHERE node_id = 'two-b'");
        registry("four", 4).register(List.of(), List.of());
        assertThat(Sql.value(testDatabase, "SELECT quartz_partitions FROM netcron.node WHERE node_id = 'four'")).isEqualTo(4);
    }

    private static NodeRegistry registry(String nodeId, int partitions)
    {
        return new NodeRegistry(database, NodeConfig.from(Settings.of(Map.of("node.id", nodeId))),
                QuartzConfig.from(Settings.of(Map.of("quartz.partitions", Integer.toString(partitions)))));
    }
}
