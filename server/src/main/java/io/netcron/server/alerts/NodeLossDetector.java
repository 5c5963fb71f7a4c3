package io.netcron.server.alerts;

import io.netcron.server.config.NodeConfig;
import io.netcron.server.db.Database;
import io.netcron.server.node.HeartbeatWindow;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Queues a {@code node_lost} alert for each node that went silent (not {@code stopped}, no heartbeat
 * for longer than the {@link HeartbeatWindow}), once per node start:
 * a row in {@code netcron.alert_node_lost} decides which node reports it. A lost node that had runs
 * is also reported by the trigger that marks them abandoned; the incident de-duplicates the two.
 */
public final class NodeLossDetector
{
    private static final Logger log = LoggerFactory.getLogger(NodeLossDetector.class);
    // {silent} rather than %s: format() below has its own
    private static final String DETECT = """
            WITH lost AS (
                INSERT INTO netcron.alert_node_lost (node_id, started_at, detected_by)
                SELECT node_id, started_at, ? FROM netcron.node
                WHERE state <> 'stopped' AND node_id <> ? AND {silent}
                ON CONFLICT DO NOTHING
                RETURNING node_id)
            SELECT n.node_id, netcron.alert_enqueue('node_lost', 'node:' || n.node_id, NULL, NULL, n.node_id,
                       format('Node %s (%s, pid %s) is lost: no heartbeat since %s', n.node_id, n.host, n.pid, n.last_seen),
                       jsonb_build_object('host', n.host, 'pid', n.pid, 'last_seen', n.last_seen, 'started_at', n.started_at, 'state', n.state))
            FROM lost JOIN netcron.node n USING (node_id)""".replace("{silent}", HeartbeatWindow.SILENT);

    private final Database database;
    private final String nodeId;
    private final Duration silence;

    @Inject
    public NodeLossDetector(Database database, NodeConfig node)
    {
        this(database, node.nodeId(), HeartbeatWindow.of(node));
    }

    public NodeLossDetector(Database database, String nodeId, Duration silence)
    {
        this.database = requireNonNull(database, "database is null");
        this.nodeId = requireNonNull(nodeId, "nodeId is null");
        this.silence = requireNonNull(silence, "silence is null");
    }

    /** Returns how many lost nodes this call reported. */
    public int detect()
    {
        int reported = database.inTransaction(handle -> handle.query(DETECT, row -> row.getString("node_id"), nodeId, nodeId, silence.toMillis())).size();
        if (reported > 0) {
            log.warn("{} lost node(s) reported to the alert routes", reported);
        }
        return reported;
    }
}
