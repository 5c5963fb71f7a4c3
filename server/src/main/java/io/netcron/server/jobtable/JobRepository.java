package io.netcron.server.jobtable;

import com.google.inject.Inject;
import io.netcron.server.catalog.JobDefaults;
import io.netcron.server.catalog.JobType;
import io.netcron.server.db.Database;
import io.netcron.server.db.Handle;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** SQL for {@code netcron.job}. */
public final class JobRepository
{
    private final Database database;

    @Inject
    public JobRepository(Database database)
    {
        this.database = requireNonNull(database, "database is null");
    }

    /** Writes a discovered type's defaults once; an existing row (an operator's edits) is left alone. */
    public boolean insertDefaults(JobType type)
    {
        JobDefaults defaults = type.defaults();
        return database.update("""
                        INSERT INTO netcron.job (name, category, description, kind, implementation, schedule, time_zone,
                            misfire_policy, max_runtime, max_retries, retry_backoff, concurrency, recoverable, isolated, params)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, make_interval(secs => ? / 1000.0), ?, make_interval(secs => ? / 1000.0), ?, ?, ?, ?::jsonb)
                        ON CONFLICT (name) DO NOTHING""",
                type.name(), defaults.category(), defaults.description(), type.kind().sqlName(), type.implementation(),
                defaults.schedule().orElse(null), defaults.timeZone(), defaults.misfirePolicy().sqlName(),
                defaults.maxRuntime().toMillis(), defaults.maxRetries(), defaults.retryBackoff().toMillis(),
                defaults.concurrency().sqlName(), defaults.recoverable(), defaults.isolated(), defaults.paramsJson()) == 1;
    }

    public List<JobRow> findAll()
    {
        return database.query("SELECT " + JobRow.COLUMNS + " FROM netcron.job ORDER BY name", JobRow::map);
    }

    public Optional<JobRow> find(String name)
    {
        return database.queryOne("SELECT " + JobRow.COLUMNS + " FROM netcron.job WHERE name = ?", JobRow::map, name);
    }

    public static Optional<JobRow> find(Handle handle, String name, boolean forUpdate)
            throws SQLException
    {
        return handle.queryOne("SELECT " + JobRow.COLUMNS + " FROM netcron.job WHERE name = ?" + (forUpdate ? " FOR UPDATE" : ""), JobRow::map, name);
    }

    public static List<JobRow> findAll(Handle handle, Collection<String> names)
            throws SQLException
    {
        return handle.query("SELECT " + JobRow.COLUMNS + " FROM netcron.job WHERE name = ANY (?)", JobRow::map,
                handle.connection().createArrayOf("text", names.toArray()));
    }

    /** When each row was inserted or last changed by an operator ({@code updated_at}). */
    public static Map<String, Instant> updatedAt(Handle handle, Collection<String> names)
            throws SQLException
    {
        Map<String, Instant> updated = new HashMap<>();
        for (Map.Entry<String, Instant> entry : handle.query("SELECT name, updated_at FROM netcron.job WHERE name = ANY (?)",
                row -> Map.entry(row.getString("name"), Handle.instant(row, "updated_at")),
                handle.connection().createArrayOf("text", names.toArray()))) {
            updated.put(entry.getKey(), entry.getValue());
        }
        return updated;
    }

    /**
     * After versions were applied to Quartz, in one statement: each row's next fire time (null:
     * none) and a cleared schedule error; names, versions and next fire times by index.
     */
    public static void recordApplied(Handle handle, List<String> names, List<Long> versions, List<Instant> nextFireAt)
            throws SQLException
    {
        handle.update("""
                        UPDATE netcron.job j SET next_fire_at = applied.next_fire_at::timestamptz, schedule_error = NULL
                        FROM unnest(?::text[], ?::bigint[], ?::text[]) AS applied(name, version, next_fire_at)
                        WHERE j.name = applied.name AND j.version = applied.version""",
                handle.connection().createArrayOf("text", names.toArray()),
                handle.connection().createArrayOf("bigint", versions.toArray()),
                handle.connection().createArrayOf("text", nextFireAt.stream().map(instant -> instant == null ? null : instant.toString()).toArray()));
    }

    /** A row version Quartz could not use: say why; the previous trigger stays in force. */
    public static void recordScheduleError(Handle handle, String name, long version, String error)
            throws SQLException
    {
        handle.update("UPDATE netcron.job SET schedule_error = ? WHERE name = ? AND version = ? AND schedule_error IS DISTINCT FROM ?",
                error, name, version, error);
    }
}
