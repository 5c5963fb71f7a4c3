package io.netcron.server.quartz;

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

    /** Records missed times; a time recorded before (a misfire seen twice) is left alone. Returns the rows added. */
    int record(String jobName, List<Instant> times, MisfirePolicy policy, String nodeId)
    {
        return database.inTransaction(handle -> {
            int added = 0;
            for (Instant time : times) {
                added += handle.update("""
                                INSERT INTO netcron.missed_fire (job_name, scheduled_at, policy, detected_by)
                                VALUES (?, ?, ?, ?) ON CONFLICT (job_name, scheduled_at) DO NOTHING""",
                        jobName, time, policy.sqlName(), nodeId);
            }
            return added;
        });
    }

    /** One row for the oldest missed time beyond the cap, standing for all the dropped ones. */
    void recordDropped(String jobName, Instant before, MisfirePolicy policy, String nodeId, String outcome)
    {
        database.update("""
                        INSERT INTO netcron.missed_fire (job_name, scheduled_at, policy, detected_by, handled_at, outcome)
                        VALUES (?, ?, ?, ?, now(), ?) ON CONFLICT (job_name, scheduled_at) DO NOTHING""",
                jobName, before, policy.sqlName(), nodeId, outcome);
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
