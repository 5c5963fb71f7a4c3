package io.netcron.server.alerts;

import io.netcron.server.db.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** One row of {@code netcron.alert_outbox}: one event for one route. */
public record OutboxEntry(
        long id,
        long routeId,
        String event,
        String subject,
        Optional<String> jobName,
        Optional<Long> runId,
        Optional<String> nodeId,
        String message,
        String detailsJson,
        Instant createdAt,
        int attempts)
{
    static final String COLUMNS = "id, route_id, event, subject, job_name, run_id, node_id, message, details::text AS details, created_at, attempts";

    public OutboxEntry
    {
        requireNonNull(event, "event is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(jobName, "jobName is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(nodeId, "nodeId is null");
        requireNonNull(message, "message is null");
        requireNonNull(detailsJson, "detailsJson is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    static OutboxEntry map(ResultSet row)
            throws SQLException
    {
        return new OutboxEntry(
                row.getLong("id"),
                row.getLong("route_id"),
                row.getString("event"),
                row.getString("subject"),
                Optional.ofNullable(row.getString("job_name")),
                Optional.ofNullable(Handle.nullableLong(row, "run_id")),
                Optional.ofNullable(row.getString("node_id")),
                row.getString("message"),
                row.getString("details"),
                Handle.instant(row, "created_at"),
                row.getInt("attempts"));
    }
}
