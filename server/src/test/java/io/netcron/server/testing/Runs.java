package io.netcron.server.testing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** Reading {@code netcron.job_run} in tests: rows with times as {@link Instant}s. */
public final class Runs
{
    private static final String COLUMNS = """
            id, job_name, attempt, cause, status, node_id, error, output, result::text AS result, duration_ms,
            (extract(epoch FROM scheduled_at) * 1000)::bigint AS scheduled_ms,
            (extract(epoch FROM started_at) * 1000)::bigint AS started_ms,
            (extract(epoch FROM finished_at) * 1000)::bigint AS finished_ms""";

    private Runs() {}

    public record Run(long id, String jobName, int attempt, String cause, String status, String nodeId, String error, String output, String result,
                      Long durationMs, Instant scheduledAt, Instant startedAt, Instant finishedAt) {}

    /** The runs of one job, by fire time then attempt. */
    public static List<Run> of(TestDatabase database, String jobName)
    {
        return where(database, "job_name = ? ORDER BY scheduled_at, attempt", jobName);
    }

    public static List<Run> where(TestDatabase database, String condition, Object... arguments)
    {
        return Sql.rows(database, "SELECT " + COLUMNS + " FROM netcron.job_run WHERE " + condition, arguments).stream().map(Runs::map).toList();
    }

    private static Run map(Map<String, Object> row)
    {
        return new Run(
                ((Number) row.get("id")).longValue(),
                (String) row.get("job_name"),
                ((Number) row.get("attempt")).intValue(),
                (String) row.get("cause"),
                (String) row.get("status"),
                (String) row.get("node_id"),
                (String) row.get("error"),
                (String) row.get("output"),
                (String) row.get("result"),
                row.get("duration_ms") == null ? null : ((Number) row.get("duration_ms")).longValue(),
                instant(row.get("scheduled_ms")),
                instant(row.get("started_ms")),
                instant(row.get("finished_ms")));
    }

    private static Instant instant(Object millis)
    {
        return millis == null ? null : Instant.ofEpochMilli(((Number) millis).longValue());
    }

    /** A Quartz cron expression (with year) that fires once, at {@code time} (whole seconds, UTC). */
    public static String onceAt(Instant time)
    {
        return DateTimeFormatter.ofPattern("s m H d M '?' yyyy").withZone(ZoneOffset.UTC).format(time);
    }
}
