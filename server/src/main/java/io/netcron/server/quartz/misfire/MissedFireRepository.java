package io.netcron.server.quartz.misfire;

import com.google.inject.Inject;
import io.netcron.job.MisfirePolicy;
import io.netcron.server.db.Database;
import io.netcron.server.db.Handle;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** SQL for {@code netcron.missed_fire}: fire times no node ran in time, and what their misfire policy did. */
final class MissedFireRepository
{
    static final String SCHEDULED = "catch_up run scheduled";

    private final Database database;

    @Inject
    MissedFireRepository(Database database)
    {
        this.database = requireNonNull(database, "database is null");
    }

    /**
     * Records missed times of any jobs in one statement, each with its job's current misfire policy;
     * a time recorded before (a misfire seen twice, or by the listener and the gap detector) is left
     * alone. Returns the names of the jobs of the rows added that still need their policy (one per row).
     */
    List<String> recordAll(List<MissedFire> missed, String nodeId)
    {
        if (missed.isEmpty()) {
            return List.of();
        }
        String[] jobNames = missed.stream().map(MissedFire::jobName).toArray(String[]::new);
        Long[] times = missed.stream().map(fire -> fire.scheduledAt().toEpochMilli()).toArray(Long[]::new);
        String[] outcomes = missed.stream().map(MissedFire::droppedOutcome).toArray(String[]::new);
        return database.query("""
                        INSERT INTO netcron.missed_fire (job_name, scheduled_at, policy, detected_by, handled_at, outcome)
                        SELECT m.job_name, timestamptz 'epoch' + m.scheduled_ms * interval '1 millisecond', coalesce(j.misfire_policy, 'fire_once_now'), ?,
                               CASE WHEN m.outcome IS NULL THEN NULL ELSE now() END, m.outcome
                        FROM unnest(?::text[], ?::bigint[], ?::text[]) AS m(job_name, scheduled_ms, outcome)
                        LEFT JOIN netcron.job j ON j.name = m.job_name
                        ON CONFLICT (job_name, scheduled_at) DO NOTHING
                        RETURNING job_name, outcome""",
                row -> row.getString("outcome") == null ? row.getString("job_name") : null,
                nodeId, jobNames, times, outcomes).stream().filter(java.util.Objects::nonNull).toList();
    }

    /** One fire time of a {@link MissedFireWriter.Boundary}: its trigger's stored next fire time (null: gone), whether it ran or is firing. */
    record BoundaryTime(int boundary, Instant time, Long nextFireMs, boolean ranOrFired) {}

    /**
     * For each boundary's fire times, in one statement (one snapshot): the trigger's next fire time now
     * and whether the time has a run ({@code job_run}, written at start) or is being fired (Quartz's
     * fired-trigger row, from firing until the run's end): between them a fired time is never unseen.
     */
    List<BoundaryTime> boundaryTimes(List<MissedFireWriter.Boundary> boundaries)
    {
        List<Integer> index = new java.util.ArrayList<>();
        List<String> schedulers = new java.util.ArrayList<>();
        List<String> triggers = new java.util.ArrayList<>();
        List<String> groups = new java.util.ArrayList<>();
        List<String> jobs = new java.util.ArrayList<>();
        List<Long> times = new java.util.ArrayList<>();
        for (int i = 0; i < boundaries.size(); i++) {
            MissedFireWriter.Boundary boundary = boundaries.get(i);
            for (Instant time : boundary.times()) {
                index.add(i);
                schedulers.add(boundary.schedulerName());
                triggers.add(boundary.triggerName());
                groups.add(boundary.triggerGroup());
                jobs.add(boundary.jobName());
                times.add(time.toEpochMilli());
            }
        }
        return database.query("""
                        SELECT c.i, c.time_ms, t.next_fire_time,
                               EXISTS (SELECT 1 FROM netcron.job_run r
                                       WHERE r.job_name = c.job_name AND r.scheduled_at = timestamptz 'epoch' + c.time_ms * interval '1 millisecond')
                               OR EXISTS (SELECT 1 FROM netcron.qrtz_fired_triggers f
                                          WHERE f.sched_name = c.sched_name AND f.trigger_name = c.trigger_name AND f.trigger_group = c.trigger_group
                                            AND f.sched_time = c.time_ms) AS ran_or_fired
                        FROM unnest(?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[]) AS c(i, sched_name, trigger_name, trigger_group, job_name, time_ms)
                        LEFT JOIN netcron.qrtz_triggers t
                          ON t.sched_name = c.sched_name AND t.trigger_name = c.trigger_name AND t.trigger_group = c.trigger_group
                        ORDER BY c.i, c.time_ms""",
                row -> new BoundaryTime(row.getInt(1), Instant.ofEpochMilli(row.getLong(2)), (Long) row.getObject(3), row.getBoolean(4)),
                index.toArray(Integer[]::new), schedulers.toArray(String[]::new), triggers.toArray(String[]::new), groups.toArray(String[]::new),
                jobs.toArray(String[]::new), times.toArray(Long[]::new));
    }

    List<String> jobsWithPending()
    {
        return database.query("SELECT DISTINCT job_name FROM netcron.missed_fire WHERE handled_at IS NULL ORDER BY job_name", row -> row.getString(1));
    }

    record Pending(Instant scheduledAt, MisfirePolicy policy) {}

    static boolean tryLock(Handle handle, String jobName)
            throws SQLException
    {
        return handle.queryOne("SELECT pg_try_advisory_xact_lock(hashtext('netcron.missed_fire'), hashtext(?))", row -> row.getBoolean(1), jobName).orElse(false);
    }

    static List<Pending> pending(Handle handle, String jobName)
            throws SQLException
    {
        return handle.query("SELECT scheduled_at, policy FROM netcron.missed_fire WHERE job_name = ? AND handled_at IS NULL ORDER BY scheduled_at",
                row -> new Pending(Handle.instant(row, "scheduled_at"), MisfirePolicy.fromSqlName(row.getString("policy"))), jobName);
    }

    static void handled(Handle handle, String jobName, Instant scheduledAt, String outcome)
            throws SQLException
    {
        handle.update("UPDATE netcron.missed_fire SET handled_at = now(), outcome = ? WHERE job_name = ? AND scheduled_at = ? AND handled_at IS NULL",
                outcome, jobName, scheduledAt);
    }

    /** {@link #handled} for many times of one job in one statement. */
    static void handledAll(Handle handle, String jobName, List<Instant> scheduledAt, String outcome)
            throws SQLException
    {
        if (scheduledAt.isEmpty()) {
            return;
        }
        handle.update("""
                        UPDATE netcron.missed_fire SET handled_at = now(), outcome = ?
                        WHERE job_name = ? AND handled_at IS NULL
                          AND scheduled_at IN (SELECT timestamptz 'epoch' + ms * interval '1 millisecond' FROM unnest(?::bigint[]) AS ms)""",
                outcome, jobName, scheduledAt.stream().map(Instant::toEpochMilli).toArray(Long[]::new));
    }

    /** The newest missed time whose catch-up run was scheduled. */
    static Optional<Instant> lastScheduled(Handle handle, String jobName)
            throws SQLException
    {
        return handle.queryOne("SELECT scheduled_at FROM netcron.missed_fire WHERE job_name = ? AND outcome = ? ORDER BY scheduled_at DESC LIMIT 1",
                row -> Handle.instant(row, "scheduled_at"), jobName, SCHEDULED);
    }

    /** Whether some attempt of this fire time has run and ended (or was skipped). */
    static boolean ended(Handle handle, String jobName, Instant scheduledAt)
            throws SQLException
    {
        return handle.queryOne("SELECT EXISTS (SELECT 1 FROM netcron.job_run WHERE job_name = ? AND scheduled_at = ? AND status <> 'running')",
                row -> row.getBoolean(1), jobName, scheduledAt).orElse(false);
    }

    static boolean anyRun(Handle handle, String jobName, Instant scheduledAt)
            throws SQLException
    {
        return handle.queryOne("SELECT EXISTS (SELECT 1 FROM netcron.job_run WHERE job_name = ? AND scheduled_at = ?)",
                row -> row.getBoolean(1), jobName, scheduledAt).orElse(false);
    }
}
