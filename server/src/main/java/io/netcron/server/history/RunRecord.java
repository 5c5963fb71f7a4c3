package io.netcron.server.history;

import io.netcron.server.db.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** One row of {@code netcron.job_run}. */
public record RunRecord(
        long id,
        String jobName,
        Instant scheduledAt,
        Instant startedAt,
        Instant finishedAt,
        String nodeId,
        int attempt,
        String cause,
        String status,
        String resultJson,
        String error,
        Long durationMs)
{
    static final String COLUMNS = "id, job_name, scheduled_at, started_at, finished_at, node_id, attempt, cause, status, result::text AS result, error, duration_ms";

    static RunRecord map(ResultSet row)
            throws SQLException
    {
        return new RunRecord(
                row.getLong("id"),
                row.getString("job_name"),
                Handle.instant(row, "scheduled_at"),
                Handle.instant(row, "started_at"),
                Handle.instant(row, "finished_at"),
                row.getString("node_id"),
                row.getInt("attempt"),
                row.getString("cause"),
                row.getString("status"),
                row.getString("result"),
                row.getString("error"),
                Handle.nullableLong(row, "duration_ms"));
    }
}
