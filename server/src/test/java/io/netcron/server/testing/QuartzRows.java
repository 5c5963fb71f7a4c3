package io.netcron.server.testing;

import java.time.Instant;

/**
 * Quartz's and netcron's scheduling rows written by SQL, for tests of what netcron reads from them
 * (missed fire times, the job-state refresh) without a scheduler: two jobs and cron triggers with
 * chosen previous and next fire times, in the cluster's first partition ({@code netcron}).
 */
public final class QuartzRows
{
    private QuartzRows() {}

    /** Empty scheduling tables and two every-second jobs: {@code a} (misfire policy skip) and {@code b} (catch_up). */
    public static void twoJobs(TestDatabase database)
    {
        Sql.execute(database, "TRUNCATE netcron.missed_fire, netcron.job_state, netcron.job_run, netcron.qrtz_fired_triggers, netcron.qrtz_cron_triggers, netcron.qrtz_triggers, netcron.qrtz_job_details CASCADE");
        Sql.execute(database, "DELETE FROM netcron.job");
        Sql.execute(database, """
                INSERT INTO netcron.job (name, implementation, schedule, misfire_policy) VALUES
                ('a', 'sleep', '* * * * * ?', 'skip'), ('b', 'sleep', '* * * * * ?', 'catch_up')""");
    }

    /** A waiting cron trigger {@code <job>-v1} of the job, as Quartz stores one. */
    public static void cronTrigger(TestDatabase database, String job, String cron, Instant previous, Instant next)
    {
        Sql.execute(database, """
                INSERT INTO netcron.qrtz_job_details (sched_name, job_name, job_group, job_class_name, is_durable, is_nonconcurrent, is_update_data, requests_recovery)
                VALUES ('netcron', ?, 'netcron', 'x', true, false, false, false) ON CONFLICT DO NOTHING""", job);
        Sql.execute(database, """
                INSERT INTO netcron.qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, next_fire_time, prev_fire_time, trigger_state, trigger_type, start_time)
                VALUES ('netcron', ?, 'netcron', ?, 'netcron', ?, ?, 'WAITING', 'CRON', 0)""", job + "-v1", job, next.toEpochMilli(), previous.toEpochMilli());
        Sql.execute(database, "INSERT INTO netcron.qrtz_cron_triggers (sched_name, trigger_name, trigger_group, cron_expression, time_zone_id) VALUES ('netcron', ?, 'netcron', ?, 'UTC')",
                job + "-v1", cron);
    }
}
