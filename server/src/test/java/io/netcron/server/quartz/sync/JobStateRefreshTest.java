package io.netcron.server.quartz.sync;

import io.netcron.server.config.QuartzConfig;
import io.netcron.server.config.Settings;
import io.netcron.server.db.Database;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator-visible bookkeeping on {@code netcron.job} refreshed from the nodes' own tables, against a real database. */
class JobStateRefreshTest
{
    private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");

    @ClassDatabase
    private static TestDatabase testDatabase;
    @ClassDatabase
    private static Database database;

    @BeforeEach
    void emptyTables()
    {
        Sql.execute(testDatabase, "TRUNCATE netcron.missed_fire, netcron.job_state, netcron.job_run, netcron.qrtz_fired_triggers, netcron.qrtz_cron_triggers, netcron.qrtz_triggers, netcron.qrtz_job_details CASCADE");
        Sql.execute(testDatabase, "DELETE FROM netcron.job");
        Sql.execute(testDatabase, """
                INSERT INTO netcron.job (name, implementation, schedule, misfire_policy) VALUES
                ('a', 'sleep', '* * * * * ?', 'skip'), ('b', 'sleep', '* * * * * ?', 'catch_up')""");
    }

    @Test
    void theRefreshCopiesLastRunAndNextFireToTheOperatorsRowWithoutANewVersion()
    {
        cronTrigger("a", "* * * * * ?", T0, T0.plusSeconds(1));
        Sql.execute(testDatabase, "INSERT INTO netcron.job_state (job_name, last_run_at, last_status) VALUES ('a', ?, 'succeeded')", java.sql.Timestamp.from(T0));
        long version = Sql.count(testDatabase, "SELECT version FROM netcron.job WHERE name = 'a'");

        JobStateRefresh refresh = new JobStateRefresh(database, QuartzConfig.from(Settings.of(Map.of())));
        assertThat(refresh.refresh()).isEqualTo(1);
        assertThat(refresh.refresh()).as("nothing changed since").isZero();

        assertThat(Sql.rows(testDatabase, "SELECT last_status, version, last_run_at = ? AS ran, next_fire_at = ? AS next FROM netcron.job WHERE name = 'a'",
                java.sql.Timestamp.from(T0), java.sql.Timestamp.from(T0.plusSeconds(1))))
                .singleElement().satisfies(row -> {
                    assertThat(row.get("last_status")).isEqualTo("succeeded");
                    assertThat(((Number) row.get("version")).longValue()).isEqualTo(version);
                    assertThat(row.get("ran")).isEqualTo(true);
                    assertThat(row.get("next")).isEqualTo(true);
                });
        assertThat(Sql.count(testDatabase, "SELECT count(*) FROM netcron.job_change WHERE job_name = 'a' AND operation = 'UPDATE'")).as("not audited").isZero();
    }

    private static void cronTrigger(String job, String cron, Instant previous, Instant next)
    {
        Sql.execute(testDatabase, """
                INSERT INTO netcron.qrtz_job_details (sched_name, job_name, job_group, job_class_name, is_durable, is_nonconcurrent, is_update_data, requests_recovery)
                VALUES ('netcron', ?, 'netcron', 'x', true, false, false, false) ON CONFLICT DO NOTHING""", job);
        Sql.execute(testDatabase, """
                INSERT INTO netcron.qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, next_fire_time, prev_fire_time, trigger_state, trigger_type, start_time)
                VALUES ('netcron', ?, 'netcron', ?, 'netcron', ?, ?, 'WAITING', 'CRON', 0)""", job + "-v1", job, next.toEpochMilli(), previous.toEpochMilli());
        Sql.execute(testDatabase, "INSERT INTO netcron.qrtz_cron_triggers (sched_name, trigger_name, trigger_group, cron_expression, time_zone_id) VALUES ('netcron', ?, 'netcron', ?, 'UTC')",
                job + "-v1", cron);
    }
}
