package io.netcron.server.node;

import com.google.inject.Inject;
import io.netcron.server.config.NodeConfig;
import io.netcron.server.config.QuartzConfig;
import io.netcron.server.db.Database;
import io.netcron.server.db.Handle;
import io.netcron.server.errors.UserException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

import static java.util.Objects.requireNonNull;

/**
 * This node's row in {@code netcron.node}: registered at start, a heartbeat that also measures
 * the clock offset from the database (Quartz clusters need clocks within a second), and the
 * jobs in {@code netcron.job} that this node's code does not know.
 */
public final class NodeRegistry
{
    private static final Logger log = LoggerFactory.getLogger(NodeRegistry.class);
    public static final long CLOCK_WARNING_MILLIS = 500;
    public static final String VERSION = versionOf();

    private final Database database;
    private final NodeConfig config;
    private final int partitions;
    private final Set<String> unknownJobs = new ConcurrentSkipListSet<>();
    private volatile Integer clockOffsetMillis;
    private volatile boolean clockWarned;

    public NodeRegistry(Database database, NodeConfig config)
    {
        this(database, config, QuartzConfig.DEFAULT_PARTITIONS);
    }

    @Inject
    public NodeRegistry(Database database, NodeConfig config, QuartzConfig quartz)
    {
        this(database, config, quartz.partitions());
    }

    private NodeRegistry(Database database, NodeConfig config, int partitions)
    {
        this.database = requireNonNull(database, "database is null");
        this.config = requireNonNull(config, "config is null");
        this.partitions = partitions;
    }

    public String nodeId()
    {
        return config.nodeId();
    }

    /** Registers this node with the job type names and the implementations (class names, script paths) its code has. */
    public void register(Collection<String> jobsDiscovered, Collection<String> implementations)
    {
        database.inTransaction(handle -> {
            // one starting node at a time compares its partition count with the live nodes'
            handle.queryOne("SELECT pg_advisory_xact_lock(hashtext('netcron.node.partitions'), 0)", row -> 1);
            List<String> disagreeing = handle.query("""
                            SELECT node_id || ' (' || quartz_partitions || ')' FROM netcron.node
                            WHERE node_id <> ? AND state <> 'stopped' AND quartz_partitions <> ? AND netcron.node_lease_held(node_id)
                            ORDER BY node_id""",
                    row -> row.getString(1), config.nodeId(), partitions);
            if (!disagreeing.isEmpty()) {
                throw new UserException("quartz.partitions is " + partitions + " on this node but different on live node(s) " + String.join(", ", disagreeing)
                        + ": every node of a cluster must use the same number (to change it, stop all nodes, then start them with the new value)");
            }
            handle.update("""
                            INSERT INTO netcron.node (node_id, host, pid, version, started_at, last_seen, state, threads, jobs_discovered, implementations, quartz_partitions)
                            VALUES (?, ?, ?, ?, now(), now(), 'starting', ?, ?::text[], ?::text[], ?)
                            ON CONFLICT (node_id) DO UPDATE SET host = excluded.host, pid = excluded.pid, version = excluded.version,
                                started_at = now(), last_seen = now(), state = 'starting', threads = excluded.threads,
                                jobs_discovered = excluded.jobs_discovered, implementations = excluded.implementations,
                                unknown_jobs = '{}', clock_offset_ms = NULL, quartz_partitions = excluded.quartz_partitions""",
                    config.nodeId(), hostName(), ProcessHandle.current().pid(), VERSION, config.threads(),
                    textArray(jobsDiscovered), textArray(implementations), partitions);
            return null;
        });
        heartbeat();
    }

    /**
     * Whether a live node other than this one has {@code implementation} (a job type name or an
     * implementation). Live: not stopped, heartbeat recent ({@link HeartbeatWindow}).
     */
    public boolean anyOtherLiveNodeKnows(String implementation)
    {
        return database.queryOne("""
                        SELECT EXISTS (SELECT 1 FROM netcron.node
                                       WHERE node_id <> ? AND state <> 'stopped' AND %s
                                         AND (? = ANY (jobs_discovered) OR ? = ANY (implementations)))""".formatted(HeartbeatWindow.RECENT),
                row -> row.getBoolean(1),
                config.nodeId(), HeartbeatWindow.of(config).toMillis(), implementation, implementation).orElse(false);
    }

    public void setState(String state)
    {
        database.update("UPDATE netcron.node SET state = ?, last_seen = now() WHERE node_id = ?", state, config.nodeId());
    }

    /** Updates last_seen and measures the offset between this node's clock and the database's. */
    public void heartbeat()
    {
        // timed on a connection already in hand, so waiting for the pool does not count as clock offset;
        // clock_timestamp() is the database's clock now; the midpoint of the round trip is the best local estimate
        int offset = database.withHandle(handle -> {
            long before = System.currentTimeMillis();
            Instant databaseNow = handle.queryOne("SELECT clock_timestamp() AS now", row -> Handle.instant(row, "now")).orElseThrow();
            long after = System.currentTimeMillis();
            return (int) (databaseNow.toEpochMilli() - (before + after) / 2);
        });
        clockOffsetMillis = offset;
        if (Math.abs(offset) > CLOCK_WARNING_MILLIS) {
            if (!clockWarned) {
                log.warn("Clock of node {} differs from the database's by {} ms (more than {} ms): Quartz clusters need clocks within a second; check NTP",
                        config.nodeId(), offset, CLOCK_WARNING_MILLIS);
                clockWarned = true;
            }
        }
        else {
            clockWarned = false;
        }
        database.update("UPDATE netcron.node SET last_seen = now(), clock_offset_ms = ?, unknown_jobs = ?::text[] WHERE node_id = ?",
                offset, "{" + String.join(",", unknownJobs.stream().map(name -> "\"" + name + "\"").toList()) + "}", config.nodeId());
    }

    public Integer clockOffsetMillis()
    {
        return clockOffsetMillis;
    }

    /** A configured job whose implementation this node lacks (mixed versions in a rolling deploy). */
    public void reportUnknownJob(String jobName, String implementation)
    {
        if (unknownJobs.add(jobName)) {
            log.warn("Job {} needs implementation {}, which this node ({} version {}) does not have; other nodes will run it",
                    jobName, implementation, config.nodeId(), VERSION);
        }
    }

    public void forgetUnknownJobs(Collection<String> stillUnknown)
    {
        unknownJobs.retainAll(stillUnknown);
    }

    public List<String> unknownJobs()
    {
        return List.copyOf(unknownJobs);
    }

    /** A PostgreSQL text[] literal; values are quoted and escaped. */
    static String textArray(Collection<String> values)
    {
        return "{" + String.join(",", values.stream().map(value -> "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"").toList()) + "}";
    }

    private static String hostName()
    {
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static String versionOf()
    {
        String version = NodeRegistry.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
