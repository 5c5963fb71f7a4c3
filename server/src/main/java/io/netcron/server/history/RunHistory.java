package io.netcron.server.history;

import io.netcron.server.run.RunStart;
import io.netcron.server.run.RunEnd;
import io.netcron.server.run.RunStatus;

import com.google.inject.Inject;
import io.netcron.server.db.Database;
import io.netcron.server.db.DatabaseException;
import io.netcron.server.db.GroupCommit;
import io.netcron.server.db.Handle;
import io.netcron.server.run.Progress;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/** SQL for {@code netcron.job_run}: a row when a run starts, completed once when it ends. */
public final class RunHistory
{
    /** Output kept per run; the oldest part is dropped beyond this. */
    public static final int MAX_OUTPUT_CHARS = 64 * 1024;
    private static final int MAX_ERROR_CHARS = 8 * 1024;

    private final Database database;
    /** Starts and ends of runs that happen together (a batch Quartz fired) share one statement each. */
    private final GroupCommit<RunStart, Long> starts;
    private final GroupCommit<Ending, Optional<RunStatus>> ends;

    @Inject
    public RunHistory(Database database)
    {
        this.database = requireNonNull(database, "database is null");
        this.starts = new GroupCommit<>("Recording run starts", this::startAll);
        this.ends = new GroupCommit<>("Recording run ends", this::finishAll);
    }

    /**
     * Inserts the {@code running} row; a second start of the same (job, fire time, attempt) is
     * refused. Starts recorded at the same moment by other threads of this node share the insert.
     */
    public long start(RunStart start)
    {
        if (wholeMicroseconds(start.scheduledAt())) {
            Optional<Long> id = starts.submit(start);
            if (id.isPresent()) {
                return id.get();
            }
        }
        return startAlone(start);
    }

    /**
     * One insert for several starts. A start that conflicts (a double firing, a {@code forbid} job
     * already running) is left out and recorded alone, which reports the conflict.
     */
    Map<RunStart, Long> startAll(List<RunStart> batch)
    {
        Map<OwnRun, RunStart> byKey = new HashMap<>();
        batch.forEach(start -> byKey.put(new OwnRun(start.jobName(), start.scheduledAt(), start.attempt()), start));
        Map<RunStart, Long> ids = new HashMap<>();
        database.query("""
                        INSERT INTO netcron.job_run (job_name, scheduled_at, node_id, attempt, cause, status, exclusive)
                        SELECT s.job_name, s.scheduled_at, s.node_id, s.attempt, s.cause, 'running', s.exclusive
                        FROM unnest(?::text[], ?::timestamptz[], ?::text[], ?::int[], ?::text[], ?::boolean[])
                             AS s(job_name, scheduled_at, node_id, attempt, cause, exclusive)
                        ON CONFLICT DO NOTHING
                        RETURNING id, job_name, scheduled_at, attempt""",
                // every row returned is one of the batch's starts: start() sends only times in whole microseconds
                row -> ids.put(byKey.get(new OwnRun(row.getString("job_name"), Handle.instant(row, "scheduled_at"), row.getInt("attempt"))), row.getLong("id")),
                batch.stream().map(RunStart::jobName).toArray(String[]::new),
                batch.stream().map(start -> start.scheduledAt().toString()).toArray(String[]::new),
                batch.stream().map(RunStart::nodeId).toArray(String[]::new),
                batch.stream().map(RunStart::attempt).toArray(Integer[]::new),
                batch.stream().map(start -> start.cause().sqlName()).toArray(String[]::new),
                batch.stream().map(RunStart::exclusive).toArray(Boolean[]::new));
        return ids;
    }

    /** PostgreSQL keeps microseconds: a finer time would not find its own row again in {@link #startAll}. */
    private static boolean wholeMicroseconds(Instant time)
    {
        return time.getNano() % 1_000 == 0;
    }

    private long startAlone(RunStart start)
    {
        try {
            return database.queryOne("""
                            INSERT INTO netcron.job_run (job_name, scheduled_at, node_id, attempt, cause, status, exclusive)
                            VALUES (?, ?, ?, ?, ?, 'running', ?)
                            RETURNING id""",
                    row -> row.getLong(1),
                    start.jobName(), start.scheduledAt(), start.nodeId(), start.attempt(), start.cause().sqlName(), start.exclusive()).orElseThrow();
        }
        catch (DatabaseException e) {
            if (e.isUniqueViolation() && e.getMessage().contains("job_run_once_per_fire_time")) {
                throw new DuplicateRunException(start);
            }
            if (e.isUniqueViolation() && e.getMessage().contains("job_run_one_exclusive_running")) {
                throw new OverlapException(start);
            }
            throw e;
        }
    }

    /** Records a firing refused as a duplicate of a run that exists (netcron.refused_firing). */
    public void refused(RunStart start)
    {
        database.update("INSERT INTO netcron.refused_firing (job_name, scheduled_at, attempt, node_id) VALUES (?, ?, ?, ?)",
                start.jobName(), start.scheduledAt(), start.attempt(), start.nodeId());
    }

    /** Marks a run whose thread still goes on after its end ({@code true}), or whose thread ended at last. */
    public void setLingering(long runId, boolean lingering)
    {
        database.update("UPDATE netcron.job_run SET lingering = ? WHERE id = ?", lingering, runId);
    }

    /** Frees the slots of this node's lingering runs whose threads it no longer has (ids not in {@code stillLingering}). */
    public int clearLingering(String nodeId, Collection<Long> stillLingering)
    {
        return database.update("UPDATE netcron.job_run SET lingering = false WHERE node_id = ? AND lingering AND NOT (id = ANY (?::bigint[]))",
                nodeId, "{" + stillLingering.stream().map(String::valueOf).collect(Collectors.joining(",")) + "}");
    }

    /** Frees the slots of lingering runs whose node is gone, restarted or stopped (their threads died with it). */
    public int freeLingeringOfDeadNodes(Duration leaseSilence)
    {
        return database.update("""
                        UPDATE netcron.job_run r SET lingering = false
                        WHERE r.lingering
                          AND NOT EXISTS (SELECT 1 FROM netcron.node n
                                          WHERE n.node_id = r.node_id AND n.started_at <= r.started_at AND n.state <> 'stopped'
                                            AND NOT coalesce(netcron.node_gone(n.node_id, ?), false))""",
                leaseSilence.toMillis());
    }

    /** This node's own {@code running} row for the start's (job, fire time, attempt), if an earlier try inserted it. */
    public Optional<Long> ownRunning(RunStart start)
    {
        return database.queryOne("SELECT id FROM netcron.job_run WHERE job_name = ? AND scheduled_at = ? AND attempt = ? AND node_id = ? AND status = 'running'",
                row -> row.getLong(1), start.jobName(), start.scheduledAt(), start.attempt(), start.nodeId());
    }

    /**
     * Ends this node's {@code running} rows that it is not running (none of {@code ownKeys}): a
     * start recorded whose run never went on here, or a run of an earlier incarnation. Returns them.
     */
    public List<Abandoned> endOrphans(String nodeId, Collection<OwnRun> ownRuns, String error)
    {
        // (job, fire time in microseconds, attempt) of the runs the node has, as JSON: one parameter however many
        String own = ownRuns.stream()
                .map(run -> "{\"job\":" + jsonString(run.jobName()) + ",\"at\":" + (run.scheduledAt().getEpochSecond() * 1_000_000 + run.scheduledAt().getNano() / 1_000)
                        + ",\"attempt\":" + run.attempt() + "}")
                .collect(Collectors.joining(",", "[", "]"));
        return database.query("""
                        UPDATE netcron.job_run r
                        SET status = 'abandoned', finished_at = now(), error = ?,
                            duration_ms = (extract(epoch FROM now() - r.started_at) * 1000)::bigint
                        WHERE r.node_id = ? AND r.status = 'running' AND r.started_at < now() - interval '1 second'
                          AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(?::jsonb) o
                                          WHERE o->>'job' = r.job_name AND (o->>'attempt')::int = r.attempt
                                            AND (o->>'at')::bigint = (extract(epoch FROM r.scheduled_at) * 1000000)::bigint)
                        RETURNING r.id, r.job_name, r.node_id, r.error""",
                row -> new Abandoned(row.getLong("id"), row.getString("job_name"), row.getString("node_id"), row.getString("error")),
                error, nodeId, own);
    }

    /** A run a node has: its (job, fire time, attempt). */
    public record OwnRun(String jobName, Instant scheduledAt, int attempt) {}

    private static String jsonString(String value)
    {
        StringBuilder json = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            }
            else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            }
            else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    /** Records a firing that did not run because the previous run of a {@code forbid} job is still going. */
    public long skipped(RunStart start, String reason)
    {
        return database.queryOne("""
                        INSERT INTO netcron.job_run (job_name, scheduled_at, node_id, attempt, cause, status, error, finished_at, duration_ms)
                        VALUES (?, ?, ?, ?, ?, 'skipped', ?, now(), 0)
                        RETURNING id""",
                row -> row.getLong(1),
                start.jobName(), start.scheduledAt(), start.nodeId(), start.attempt(), start.cause().sqlName(), reason).orElseThrow();
    }

    public Optional<RunRecord> running(String jobName)
    {
        return database.queryOne("SELECT " + RunRecord.COLUMNS + " FROM netcron.job_run WHERE job_name = ? AND (status = 'running' OR lingering) AND exclusive",
                RunRecord::map, jobName);
    }

    /**
     * Completes a run's row and returns the status it had: {@code running} normally. A row that was
     * marked {@code abandoned} while its node was in fact alive (the cluster judged the node dead
     * during a long pause) also gets the real end, with the abandon note kept in {@code error}: the
     * run did happen, and history says so. Any other ended row is never rewritten (empty).
     * The same statement (one round trip, one commit) sets the job's {@code last_run_at} and
     * {@code last_status} in {@code netcron.job_state}, the nodes' own table, never the operator's row,
     * and the run's last progress. Runs of this node that end at the same moment share the statement.
     */
    public Optional<RunStatus> finish(long runId, RunEnd end)
    {
        Ending ending = new Ending(runId, end);
        return ends.submit(ending).orElseGet(() -> finishAll(List.of(ending)).get(ending));
    }

    record Ending(long runId, RunEnd end) {}

    /**
     * {@link #finish} for one run or several in one statement, rows locked in id order: every run's
     * status before, empty for a run not found or no longer running (its end is not recorded).
     */
    Map<Ending, Optional<RunStatus>> finishAll(List<Ending> batch)
    {
        Map<Long, Ending> byId = new HashMap<>();
        Map<Ending, Optional<RunStatus>> before = new HashMap<>();
        batch.forEach(ending -> {
            byId.put(ending.runId(), ending);
            before.put(ending, Optional.empty());
        });
        Long[] runIds = batch.stream().map(Ending::runId).toArray(Long[]::new);
        database.query("""
                        WITH e AS (
                            SELECT * FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::bigint[], ?::bigint[])
                                AS e(id, status, result, output, duration_ms, error, progress_done, progress_total)
                        ), old AS (
                            SELECT id, status, error FROM netcron.job_run WHERE id = ANY(?::bigint[]) ORDER BY id FOR UPDATE
                        ), ended AS (
                            UPDATE netcron.job_run r
                            SET status = e.status, finished_at = now(), result = e.result::jsonb, output = e.output, duration_ms = e.duration_ms,
                                progress_done = coalesce(e.progress_done, r.progress_done), progress_total = coalesce(e.progress_total, r.progress_total),
                                error = CASE WHEN old.status = 'abandoned'
                                             THEN concat_ws(E'\n', e.error, old.error || ', but the run went on and ended ' || e.status || ' on its node')
                                             ELSE e.error END
                            FROM e JOIN old ON old.id = e.id
                            WHERE r.id = e.id AND old.status IN ('running', 'abandoned')
                            RETURNING r.id, r.job_name, r.status, old.status AS before
                        ), state AS (
                            INSERT INTO netcron.job_state AS s (job_name, last_run_at, last_status)
                            SELECT DISTINCT ON (job_name) job_name, now(), status FROM ended ORDER BY job_name, id DESC
                            ON CONFLICT (job_name) DO UPDATE
                            SET last_run_at = greatest(s.last_run_at, excluded.last_run_at), last_status = excluded.last_status, updated_at = now()
                        )
                        SELECT id, before FROM ended""",
                row -> before.put(byId.get(row.getLong("id")), Optional.of(RunStatus.fromSqlName(row.getString("before")))),
                runIds,
                batch.stream().map(ending -> ending.end().status().sqlName()).toArray(String[]::new),
                batch.stream().map(ending -> ending.end().resultJson()).toArray(String[]::new),
                batch.stream().map(ending -> ending.end().output()).toArray(String[]::new),
                batch.stream().map(ending -> ending.end().duration().toMillis()).toArray(Long[]::new),
                batch.stream().map(ending -> truncate(ending.end().error(), MAX_ERROR_CHARS)).toArray(String[]::new),
                batch.stream().map(ending -> ending.end().progress().map(Progress::done).orElse(null)).toArray(Long[]::new),
                batch.stream().map(ending -> ending.end().progress().map(Progress::total).orElse(null)).toArray(Long[]::new),
                runIds);
        return before;
    }

    /** The newest attempt recorded for one fire time of a job. */
    public Optional<RunRecord> latestAttempt(String jobName, Instant scheduledAt)
    {
        return database.queryOne("SELECT " + RunRecord.COLUMNS + " FROM netcron.job_run WHERE job_name = ? AND scheduled_at = ? ORDER BY attempt DESC LIMIT 1",
                RunRecord::map, jobName, scheduledAt);
    }

    /**
     * Ends the {@code running} rows of one fire time as {@code abandoned}: the cluster found the node
     * running it dead and is recovering the firing. Returns how many rows changed.
     */
    public int abandon(String jobName, Instant scheduledAt, String reason)
    {
        return database.update("""
                        UPDATE netcron.job_run
                        SET status = 'abandoned', finished_at = now(), error = ?,
                            duration_ms = (extract(epoch FROM now() - started_at) * 1000)::bigint
                        WHERE job_name = ? AND scheduled_at = ? AND status = 'running'""",
                truncate(reason, MAX_ERROR_CHARS), jobName, scheduledAt);
    }

    /**
     * Records missed fire times of one job as {@code skipped} runs (misfire policy {@code skip}), in
     * one statement; a time that already has a row is left alone, so recording twice is harmless.
     * Returns the rows added.
     */
    public static int skippedMissedAll(Handle handle, String jobName, List<Instant> scheduledAt, String nodeId, String reason)
            throws SQLException
    {
        if (scheduledAt.isEmpty()) {
            return 0;
        }
        return handle.update("""
                        INSERT INTO netcron.job_run (job_name, scheduled_at, node_id, attempt, cause, status, error, finished_at, duration_ms)
                        SELECT ?, timestamptz 'epoch' + ms * interval '1 millisecond', ?, 1, 'schedule', 'skipped', ?, now(), 0
                        FROM unnest(?::bigint[]) AS ms
                        ON CONFLICT (job_name, scheduled_at, attempt) DO NOTHING""",
                jobName, nodeId, reason, scheduledAt.stream().map(Instant::toEpochMilli).toArray(Long[]::new));
    }

    /** A run that was marked {@code abandoned} by a sweep. */
    public record Abandoned(long id, String jobName, String nodeId, String error) {}

    /**
     * Marks {@code running} rows whose process is gone as {@code abandoned}: their node restarted
     * since the run began, stopped, or was declared dead by the Quartz cluster (its check-in row
     * removed by the node that recovered it) and has not sent a heartbeat within
     * {@code failureWindow} either; or - for runs outside any node (single-task mode) - they
     * outlived their max runtime plus {@code runtimeGrace}. Safe with several nodes sweeping at once.
     * <p>
     * A late check-in alone is not enough: Quartz's own verdict also weighs how late the judging
     * node itself is, and a node that is merely slow (a lost connection, a long pause) keeps its
     * runs, which end normally. Deciding here on the check-in time alone once marked such live runs
     * abandoned that no recovery ever re-ran.
     */
    public List<Abandoned> sweepAbandoned(String schedulerName, Duration failureWindow, Duration leaseSilence, Duration runtimeGrace)
    {
        return database.query("""
                        WITH dead AS (
                            SELECT r.id,
                                   CASE
                                       WHEN n.node_id IS NULL THEN 'its process ended without recording an end (no end within max runtime plus grace)'
                                       WHEN n.started_at > r.started_at THEN 'node ' || r.node_id || ' restarted at ' || n.started_at
                                       WHEN n.state = 'stopped' THEN 'node ' || r.node_id || ' stopped'
                                       WHEN n.lease_pid IS NOT NULL THEN 'node ' || r.node_id || ' died (its lease is gone; last heartbeat ' || n.last_seen || ')'
                                       ELSE 'node ' || r.node_id || ' died (the cluster declared it failed; last heartbeat ' || n.last_seen || ')'
                                   END AS reason
                            FROM netcron.job_run r
                            LEFT JOIN netcron.node n ON n.node_id = r.node_id
                            LEFT JOIN netcron.qrtz_scheduler_state s ON s.sched_name = ? AND s.instance_name = r.node_id
                            LEFT JOIN netcron.job j ON j.name = r.job_name
                            WHERE r.status = 'running'
                              AND CASE
                                      WHEN n.node_id IS NULL THEN
                                          r.started_at < now() - coalesce(j.max_runtime, interval '30 minutes') - make_interval(secs => ? / 1000.0)
                                      ELSE n.started_at > r.started_at
                                          OR n.state = 'stopped'
                                          -- a lease holder is dead when its lease is gone, never by a late timestamp alone
                                          OR (n.lease_pid IS NOT NULL AND netcron.node_gone(n.node_id, ?))
                                          OR (n.lease_pid IS NULL AND s.instance_name IS NULL AND n.last_seen < now() - make_interval(secs => ? / 1000.0))
                                  END
                        )
                        UPDATE netcron.job_run r
                        SET status = 'abandoned', finished_at = now(), error = 'abandoned: ' || dead.reason,
                            duration_ms = (extract(epoch FROM now() - r.started_at) * 1000)::bigint
                        FROM dead
                        WHERE r.id = dead.id AND r.status = 'running'
                        RETURNING r.id, r.job_name, r.node_id, r.error""",
                row -> new Abandoned(row.getLong("id"), row.getString("job_name"), row.getString("node_id"), row.getString("error")),
                schedulerName, runtimeGrace.toMillis(), leaseSilence.toMillis(), failureWindow.toMillis());
    }

    public Optional<RunRecord> find(long runId)
    {
        return database.queryOne("SELECT " + RunRecord.COLUMNS + " FROM netcron.job_run WHERE id = ?", RunRecord::map, runId);
    }

    public List<RunRecord> recent(Optional<String> jobName, int limit)
    {
        if (jobName.isPresent()) {
            return database.query("SELECT " + RunRecord.COLUMNS + " FROM netcron.job_run WHERE job_name = ? ORDER BY started_at DESC, id DESC LIMIT ?",
                    RunRecord::map, jobName.get(), limit);
        }
        return database.query("SELECT " + RunRecord.COLUMNS + " FROM netcron.job_run ORDER BY started_at DESC, id DESC LIMIT ?", RunRecord::map, limit);
    }

    static String truncate(String text, int max)
    {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + "... (truncated)";
    }
}
