package io.netcron.server.requests;

import com.google.inject.Inject;
import io.netcron.server.db.Database;
import io.netcron.server.db.Handle;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** SQL for {@code netcron.job_request}. */
public final class JobRequests
{
    private final Database database;

    @Inject
    public JobRequests(Database database)
    {
        this.database = requireNonNull(database, "database is null");
    }

    /** Inserts a request; the insert trigger notifies the nodes and sets its fire time. */
    public long insert(String jobName, Optional<String> paramsJson, boolean force, String requestedBy)
    {
        return database.queryOne("""
                        INSERT INTO netcron.job_request (job_name, params, force, requested_by)
                        VALUES (?, ?::jsonb, ?, ?)
                        RETURNING id""",
                row -> row.getLong(1), jobName, paramsJson.orElse(null), force, requestedBy).orElseThrow();
    }

    public Optional<JobRequest> find(long id)
    {
        return database.queryOne("SELECT " + JobRequest.COLUMNS + " FROM netcron.job_request WHERE id = ?", JobRequest::map, id);
    }

    /**
     * Locks the oldest pending request after {@code afterId} that no other node holds
     * ({@code FOR UPDATE SKIP LOCKED}): exactly one node handles each request.
     */
    static Optional<JobRequest> claimNext(Handle handle, long afterId)
            throws SQLException
    {
        return handle.queryOne("""
                        SELECT %s FROM netcron.job_request
                        WHERE handled_at IS NULL AND id > ?
                        ORDER BY id LIMIT 1
                        FOR UPDATE SKIP LOCKED""".formatted(JobRequest.COLUMNS),
                JobRequest::map, afterId);
    }

    static void handed(Handle handle, long id, String nodeId, Instant scheduledAt)
            throws SQLException
    {
        handle.update("UPDATE netcron.job_request SET handled_at = now(), handled_by = ?, scheduled_at = ? WHERE id = ?", nodeId, scheduledAt, id);
    }

    static void refused(Handle handle, long id, String nodeId, String error)
            throws SQLException
    {
        handle.update("UPDATE netcron.job_request SET handled_at = now(), handled_by = ?, error = ? WHERE id = ?", nodeId, error, id);
    }

    /** Links the run that a request started; a no-op for manual runs that came from elsewhere ({@code netcron run}). */
    void linkRun(String jobName, Instant scheduledAt, long runId)
    {
        database.update("UPDATE netcron.job_request SET run_id = ? WHERE job_name = ? AND scheduled_at = ? AND run_id IS NULL", runId, jobName, scheduledAt);
    }
}
