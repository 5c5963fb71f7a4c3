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

    List<String> jobsWithPending()
    {
        return database.query("SELECT DISTINCT job_name FROM netcron.missed_fire WHERE handled_at IS NULL ORDER BY job_name", row -> row.getString(1));
    }

    record Pending(Instant scheduledAt, MisfirePolicy policy) {}

    /** The session lock of a catch-up round (one node at a time); released by {@link #roundUnlock} or with the session. */
    static boolean tryRoundLock(Handle session)
            throws SQLException
    {
        return session.queryOne("SELECT pg_try_advisory_lock(hashtext('netcron.missed_fire.round'), 0)", row -> row.getBoolean(1)).orElse(false);
    }

    static void roundUnlock(Handle session)
            throws SQLException
    {
        session.queryOne("SELECT pg_advisory_unlock(hashtext('netcron.missed_fire.round'), 0)", row -> row.getBoolean(1));
    }

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
