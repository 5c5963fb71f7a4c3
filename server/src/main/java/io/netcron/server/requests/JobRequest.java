package io.netcron.server.requests;

import io.netcron.job.RunCause;
import io.netcron.server.db.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** One row of {@code netcron.job_request}: a run-now request and what became of it. */
public record JobRequest(
        long id,
        String jobName,
        Optional<String> paramsJson,
        boolean force,
        String requestedBy,
        Instant requestedAt,
        Instant scheduledAt,
        Instant handledAt,
        String handledBy,
        Long runId,
        String error,
        Long triggerRunId)
{
    static final String COLUMNS = "id, job_name, params::text AS params, force, requested_by, requested_at, scheduled_at, handled_at, handled_by, run_id, error, trigger_run_id";

    /** The cause of the run: {@code dependency} when an upstream run asked for it, else {@code manual}. */
    public RunCause cause()
    {
        return triggerRunId == null ? RunCause.MANUAL : RunCause.DEPENDENCY;
    }

    public boolean handled()
    {
        return handledAt != null;
    }

    static JobRequest map(ResultSet row)
            throws SQLException
    {
        return new JobRequest(
                row.getLong("id"),
                row.getString("job_name"),
                Optional.ofNullable(row.getString("params")),
                row.getBoolean("force"),
                row.getString("requested_by"),
                Handle.instant(row, "requested_at"),
                Handle.instant(row, "scheduled_at"),
                Handle.instant(row, "handled_at"),
                row.getString("handled_by"),
                Handle.nullableLong(row, "run_id"),
                row.getString("error"),
                Handle.nullableLong(row, "trigger_run_id"));
    }
}
