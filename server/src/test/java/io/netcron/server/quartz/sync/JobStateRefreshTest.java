package io.netcron.server.quartz.sync;

import io.netcron.server.config.QuartzConfig;
import io.netcron.server.config.Settings;
import io.netcron.server.db.Database;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.QuartzRows;
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
        QuartzRows.twoJobs(testDatabase);
    }

    @Test
    void theRefreshCopiesLastRunAndNextFireToTheOperatorsRowWithoutANewVersion()
    {
        QuartzRows.cronTrigger(testDatabase, "a", "* * * * * ?", T0, T0.plusSeconds(1));
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
}
