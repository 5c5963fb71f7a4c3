package io.netcron.server.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a cluster must never leave behind, read from its tables alone: the fault tests and the chaos
 * run ({@code bench/chaos}) ask the same questions an operator would ask after an incident.
 */
public final class ClusterChecks
{
    private ClusterChecks() {}

    /**
     * Fire times handled more than once: more than one row that ran, is running or was recorded
     * skipped for one (job, fire time), or attempt numbers with a gap. Several attempts of one fire
     * time are fine when the earlier ones were cut short (failed, abandoned, timed out).
     */
    public static List<Map<String, Object>> doubles(TestDatabase database)
    {
        return Sql.rows(database, """
                SELECT job_name, scheduled_at, array_agg(status || '#' || attempt ORDER BY attempt)::text AS rows
                FROM netcron.job_run GROUP BY job_name, scheduled_at
                HAVING count(*) FILTER (WHERE status IN ('succeeded', 'running', 'skipped')) > 1 OR max(attempt) <> count(*)""");
    }

    /** Rows still {@code running} that started more than {@code olderThan} ago (on the database clock). */
    public static List<Map<String, Object>> leftRunning(TestDatabase database, Duration olderThan)
    {
        return Sql.rows(database, """
                SELECT id, job_name, scheduled_at, node_id, started_at FROM netcron.job_run
                WHERE status = 'running' AND started_at < now() - make_interval(secs => ? / 1000.0) ORDER BY id""", olderThan.toMillis());
    }

    /**
     * Triggers Quartz will not fire again by itself: ACQUIRED or BLOCKED with no firing owned by a
     * node that checked in within {@code silence}, in ERROR, or waiting with a next fire time more
     * than {@code silence} in the past (nobody acquires them).
     */
    public static List<Map<String, Object>> stuckTriggers(TestDatabase database, Duration silence)
    {
        return Sql.rows(database, """
                SELECT t.trigger_name, t.trigger_state, to_timestamp(t.next_fire_time / 1000.0) AS next_fire
                FROM netcron.qrtz_triggers t
                WHERE t.trigger_state = 'ERROR'
                   OR (t.trigger_state = 'ACQUIRED' AND NOT EXISTS (
                           SELECT 1 FROM netcron.qrtz_fired_triggers f JOIN netcron.qrtz_scheduler_state s
                             ON s.sched_name = f.sched_name AND s.instance_name = f.instance_name
                           WHERE f.sched_name = t.sched_name AND f.trigger_name = t.trigger_name AND f.trigger_group = t.trigger_group
                             AND s.last_checkin_time > (extract(epoch FROM now()) * 1000)::bigint - ?))
                   OR (t.trigger_state IN ('BLOCKED', 'PAUSED_BLOCKED') AND NOT EXISTS (
                           SELECT 1 FROM netcron.qrtz_fired_triggers f JOIN netcron.qrtz_scheduler_state s
                             ON s.sched_name = f.sched_name AND s.instance_name = f.instance_name
                           WHERE f.sched_name = t.sched_name AND f.job_name = t.job_name AND f.job_group = t.job_group
                             AND s.last_checkin_time > (extract(epoch FROM now()) * 1000)::bigint - ?))
                   OR (t.trigger_state = 'WAITING' AND t.next_fire_time < (extract(epoch FROM now()) * 1000)::bigint - ?)
                ORDER BY t.trigger_name""", silence.toMillis(), silence.toMillis(), silence.toMillis());
    }

    /** Recorded missed fire times of jobs named {@code prefix}-... outside [{@code from}, {@code to}). */
    public static List<Map<String, Object>> missesOutside(TestDatabase database, String prefix, Instant from, Instant to)
    {
        return Sql.rows(database, """
                SELECT job_name, scheduled_at, policy, outcome FROM netcron.missed_fire
                WHERE job_name LIKE ? || '-%' AND (scheduled_at < to_timestamp(? / 1000.0) OR scheduled_at >= to_timestamp(? / 1000.0))
                ORDER BY scheduled_at, job_name""", prefix, from.toEpochMilli(), to.toEpochMilli());
    }

    /**
     * Fire times of the every-second jobs named {@code prefix}-... in [{@code from}, {@code to})
     * (whole seconds) that left no trace: no run row and no recorded miss.
     */
    public static List<Map<String, Object>> unaccounted(TestDatabase database, String prefix, Instant from, Instant to)
    {
        return Sql.rows(database, """
                SELECT j.name AS job_name, s.at AS scheduled_at
                FROM netcron.job j
                CROSS JOIN generate_series(to_timestamp(? / 1000), to_timestamp(? / 1000) - interval '1 second', interval '1 second') AS s(at)
                WHERE j.name LIKE ? || '-%' AND j.created_at <= s.at - interval '10 seconds'
                  AND NOT EXISTS (SELECT 1 FROM netcron.job_run r WHERE r.job_name = j.name AND r.scheduled_at = s.at)
                  AND NOT EXISTS (SELECT 1 FROM netcron.missed_fire m WHERE m.job_name = j.name AND m.scheduled_at = s.at)
                ORDER BY s.at, j.name""", from.toEpochMilli(), to.toEpochMilli(), prefix);
    }
}
