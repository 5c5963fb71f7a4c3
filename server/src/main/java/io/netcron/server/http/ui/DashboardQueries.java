package io.netcron.server.http.ui;

import com.fasterxml.jackson.databind.JsonNode;
import io.netcron.cluster.ClusterView;
import io.netcron.http.Json;
import io.netcron.server.db.Database;
import io.netcron.server.db.Handle;
import io.netcron.server.jobtable.JobRepository;
import io.netcron.server.jobtable.JobRow;
import io.netcron.server.run.Progress;

import java.io.IOException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** What the dashboard reads, on the node's pool; every list is bounded. */
final class DashboardQueries
{
    static final int SPARKLINE_RUNS = 20;
    static final int JOB_RUNS = 50;
    static final int AUDIT_ENTRIES = 20;
    static final int FAILURES = 100;
    /** Characters of a run's output on a page (50 runs a page); the whole bounded output stays in netcron.job_run. */
    static final int OUTPUT_SHOWN = 4000;
    /** Server-maintained columns: their changes are not the operator's and are left out of the audit view. */
    private static final Set<String> SERVER_COLUMNS = Set.of("next_fire_at", "last_run_at", "last_status", "schedule_error", "updated_at", "created_at", "version");

    record RunDot(String status, Long durationMs) {}

    record JobLine(JobRow job, List<RunDot> recent, boolean running) {}

    record RunLine(long id, String jobName, Instant scheduledAt, Instant startedAt, Instant finishedAt, String nodeId, int attempt,
            String cause, String status, String result, String error, String output, Long durationMs, Optional<Progress> progress) {}

    record AuditLine(Instant at, String user, String application, String operation, Map<String, String> changes) {}

    record NodeLine(String nodeId, String host, String state, String version, boolean alive, Instant lastSeen, Duration checkInAge,
            Integer clockOffsetMillis, int threads, int running, List<String> runningJobs) {}

    record Dependency(String job, String dependsOn, String on, Duration within) {}

    private final Database database;
    private final ClusterView cluster;

    DashboardQueries(Database database, ClusterView cluster)
    {
        this.database = requireNonNull(database, "database is null");
        this.cluster = requireNonNull(cluster, "cluster is null");
    }

    Instant now()
    {
        // the database's clock: next fire and check-in ages are the cluster's, not this node's
        return database.queryOne("SELECT now()", row -> Handle.instant(row, "now")).orElseThrow();
    }

    List<JobLine> jobs()
    {
        List<JobRow> rows = new JobRepository(database).findAll();
        Map<String, List<RunDot>> recent = new HashMap<>();
        // the newest runs of each job, oldest first, through the (job_name, started_at) index
        database.query("""
                        SELECT j.name, r.status, r.duration_ms
                        FROM netcron.job j CROSS JOIN LATERAL (
                            SELECT status, duration_ms, started_at FROM netcron.job_run
                            WHERE job_name = j.name ORDER BY started_at DESC LIMIT ?) r
                        ORDER BY j.name, r.started_at""",
                row -> recent.computeIfAbsent(row.getString("name"), name -> new ArrayList<>())
                        .add(new RunDot(row.getString("status"), Handle.nullableLong(row, "duration_ms"))),
                SPARKLINE_RUNS);
        Set<String> running = new HashSet<>(database.query("SELECT DISTINCT job_name FROM netcron.job_run WHERE status = 'running'", row -> row.getString(1)));
        return rows.stream().map(job -> new JobLine(job, recent.getOrDefault(job.name(), List.of()), running.contains(job.name()))).toList();
    }

    Optional<JobRow> job(String name)
    {
        return new JobRepository(database).find(name);
    }

    List<RunLine> runs(String job)
    {
        return database.query("SELECT " + RUN_COLUMNS + " FROM netcron.job_run WHERE job_name = ? ORDER BY started_at DESC, id DESC LIMIT ?",
                DashboardQueries::run, job, JOB_RUNS);
    }

    List<RunLine> failures()
    {
        return database.query("SELECT " + RUN_COLUMNS + """
                         FROM netcron.job_run WHERE status IN ('failed', 'timed_out', 'abandoned')
                        ORDER BY started_at DESC, id DESC LIMIT ?""",
                DashboardQueries::run, FAILURES);
    }

    List<AuditLine> audit(String job)
    {
        return database.query("""
                        SELECT changed_at, db_user, application_name, operation, old_row::text AS old_row, new_row::text AS new_row
                        FROM netcron.job_change WHERE job_name = ? ORDER BY changed_at DESC, id DESC LIMIT ?""",
                row -> new AuditLine(Handle.instant(row, "changed_at"), row.getString("db_user"), row.getString("application_name"),
                        row.getString("operation"), changes(row.getString("old_row"), row.getString("new_row"))),
                job, AUDIT_ENTRIES);
    }

    List<Dependency> dependencies(String job)
    {
        return database.query("""
                        SELECT job, depends_on, "on", (extract(epoch FROM within) * 1000)::bigint AS within_ms
                        FROM netcron.job_dependency WHERE job = ? OR depends_on = ? ORDER BY job, depends_on""",
                row -> new Dependency(row.getString("job"), row.getString("depends_on"), row.getString("on"), Duration.ofMillis(row.getLong("within_ms"))),
                job, job);
    }

    List<Dependency> allDependencies()
    {
        return database.query("""
                        SELECT job, depends_on, "on", (extract(epoch FROM within) * 1000)::bigint AS within_ms
                        FROM netcron.job_dependency ORDER BY depends_on, job""",
                row -> new Dependency(row.getString("job"), row.getString("depends_on"), row.getString("on"), Duration.ofMillis(row.getLong("within_ms"))));
    }

    /** The last status of each job that is part of a dependency. */
    Map<String, String> dependencyStatuses()
    {
        Map<String, String> statuses = new HashMap<>();
        database.query("""
                        SELECT name, last_status FROM netcron.job
                        WHERE last_status IS NOT NULL AND name IN (SELECT job FROM netcron.job_dependency UNION SELECT depends_on FROM netcron.job_dependency)""",
                row -> statuses.put(row.getString("name"), row.getString("last_status")));
        return statuses;
    }

    List<NodeLine> nodes()
    {
        // alive as `netcron nodes` and the Cluster MBean judge it; the rest is the dashboard's
        record Load(String version, int threads, Duration checkInAge, List<String> running) {}
        Map<String, Load> loads = new HashMap<>();
        database.query("""
                        SELECT n.node_id, n.version, n.threads, (extract(epoch FROM now() - n.last_seen) * 1000)::bigint AS age_ms,
                               ARRAY(SELECT r.job_name FROM netcron.job_run r WHERE r.node_id = n.node_id AND r.status = 'running'
                                     ORDER BY r.started_at) AS running
                        FROM netcron.node n""",
                row -> loads.put(row.getString("node_id"), new Load(row.getString("version"), row.getInt("threads"),
                        Duration.ofMillis(Math.max(0, row.getLong("age_ms"))), strings(row.getArray("running")))));
        List<NodeLine> nodes = new ArrayList<>();
        for (ClusterView.NodeStatus node : cluster.nodes()) {
            Load load = loads.getOrDefault(node.nodeId(), new Load("", 0, Duration.ZERO, List.of()));
            nodes.add(new NodeLine(node.nodeId(), node.host(), node.state(), load.version(), node.alive(), node.lastSeen(), load.checkInAge(),
                    node.clockOffsetMillis(), load.threads(), load.running().size(), load.running()));
        }
        return nodes;
    }

    List<String> categories(List<JobLine> jobs)
    {
        return jobs.stream().map(line -> line.job().category()).filter(category -> category != null && !category.isBlank()).distinct().sorted().toList();
    }

    private static final String RUN_COLUMNS = "id, job_name, scheduled_at, started_at, finished_at, node_id, attempt, cause, status, result::text AS result, error, "
            + "left(output, " + OUTPUT_SHOWN + ") AS output, duration_ms, progress_done, progress_total";

    private static RunLine run(ResultSet row)
            throws SQLException
    {
        Long total = Handle.nullableLong(row, "progress_total");
        Optional<Progress> progress = total == null ? Optional.empty() : Optional.of(new Progress(row.getLong("progress_done"), total));
        return new RunLine(row.getLong("id"), row.getString("job_name"), Handle.instant(row, "scheduled_at"), Handle.instant(row, "started_at"),
                Handle.instant(row, "finished_at"), row.getString("node_id"), row.getInt("attempt"), row.getString("cause"), row.getString("status"),
                row.getString("result"), row.getString("error"), row.getString("output"), Handle.nullableLong(row, "duration_ms"), progress);
    }

    private static List<String> strings(Array array)
            throws SQLException
    {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }

    /** The operator columns an audit entry changed: {@code column -> "old → new"} (or the new value of an insert). */
    static Map<String, String> changes(String oldRow, String newRow)
    {
        Map<String, String> changes = new LinkedHashMap<>();
        try {
            JsonNode before = oldRow == null ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(oldRow);
            JsonNode after = newRow == null ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(newRow);
            Set<String> columns = new java.util.TreeSet<>();
            before.fieldNames().forEachRemaining(columns::add);
            after.fieldNames().forEachRemaining(columns::add);
            for (Iterator<String> it = columns.iterator(); it.hasNext(); ) {
                String column = it.next();
                JsonNode was = before.path(column);
                JsonNode is = after.path(column);
                if (SERVER_COLUMNS.contains(column) || was.equals(is)) {
                    continue;
                }
                changes.put(column, oldRow == null ? text(is) : newRow == null ? text(was) + " → (deleted)" : text(was) + " → " + text(is));
            }
        }
        catch (IOException e) {
            changes.put("(unreadable)", e.getMessage());
        }
        return changes;
    }

    private static String text(JsonNode value)
    {
        return value.isMissingNode() || value.isNull() ? "null" : value.isTextual() ? value.asText() : value.toString();
    }
}
