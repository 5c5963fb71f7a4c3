package io.netcron.server.jobtable;

import io.netcron.server.db.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** One row of {@code netcron.job} as the node reads it. Policy columns are kept as text so bad values surface as schedule errors. */
public record JobRow(
        String name,
        String category,
        String description,
        String kind,
        String implementation,
        Optional<String> schedule,
        String timeZone,
        boolean enabled,
        String misfirePolicy,
        Duration maxRuntime,
        int maxRetries,
        Duration retryBackoff,
        String concurrency,
        boolean recoverable,
        boolean isolated,
        String paramsJson,
        Instant nextFireAt,
        Instant lastRunAt,
        String lastStatus,
        String scheduleError,
        long version)
{
    static final String COLUMNS = """
            name, category, description, kind, implementation, schedule, time_zone, enabled, misfire_policy,
            (extract(epoch FROM max_runtime) * 1000)::bigint AS max_runtime_ms, max_retries,
            (extract(epoch FROM retry_backoff) * 1000)::bigint AS retry_backoff_ms, concurrency, recoverable, isolated,
            params::text AS params, next_fire_at, last_run_at, last_status, schedule_error, version""";

    static JobRow map(ResultSet row)
            throws SQLException
    {
        return new JobRow(
                row.getString("name"),
                row.getString("category"),
                row.getString("description"),
                row.getString("kind"),
                row.getString("implementation"),
                Optional.ofNullable(row.getString("schedule")).filter(value -> !value.isBlank()),
                row.getString("time_zone"),
                row.getBoolean("enabled"),
                row.getString("misfire_policy"),
                Duration.ofMillis(row.getLong("max_runtime_ms")),
                row.getInt("max_retries"),
                Duration.ofMillis(row.getLong("retry_backoff_ms")),
                row.getString("concurrency"),
                row.getBoolean("recoverable"),
                row.getBoolean("isolated"),
                row.getString("params"),
                Handle.instant(row, "next_fire_at"),
                Handle.instant(row, "last_run_at"),
                row.getString("last_status"),
                row.getString("schedule_error"),
                row.getLong("version"));
    }
}
