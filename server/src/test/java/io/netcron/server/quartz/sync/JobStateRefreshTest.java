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

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
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

    @Test
    void aRoundWritesAtMostItsLimitChangedStatusesFirstAndTheNextRoundTheRest()
    {
        QuartzRows.cronTrigger(testDatabase, "a", "* * * * * ?", T0, T0.plusSeconds(1));
        Sql.execute(testDatabase, "INSERT INTO netcron.job_state (job_name, last_run_at, last_status) VALUES ('b', ?, 'failed')", java.sql.Timestamp.from(T0));

        JobStateRefresh refresh = new JobStateRefresh(database, QuartzConfig.from(Settings.of(Map.of())), 1);
        assertThat(refresh.refresh()).isEqualTo(1);
        assertThat(Sql.value(testDatabase, "SELECT last_status FROM netcron.job WHERE name = 'b'")).as("the changed status first").isEqualTo("failed");
        assertThat(Sql.value(testDatabase, "SELECT next_fire_at FROM netcron.job WHERE name = 'a'")).as("not yet").isNull();

        assertThat(refresh.refresh()).isEqualTo(1);
        assertThat(Sql.count(testDatabase, "SELECT count(*) FROM netcron.job WHERE name = 'a' AND next_fire_at = ?", java.sql.Timestamp.from(T0.plusSeconds(1)))).isEqualTo(1);
        assertThat(refresh.refresh()).isZero();
    }

    @Test
    void theNodesBookkeepingRunsNoneOfTheOperatorsRowTriggersWhileAnOperatorEditRunsThemAll()
            throws Exception
    {
        try (Connection connection = testDatabase.connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL track_functions = 'pl'");
                statement.executeUpdate("UPDATE netcron.job SET next_fire_at = now(), last_run_at = now(), last_status = 'succeeded', schedule_error = NULL WHERE name = 'a'");
                assertThat(calls(statement)).as("validate, version, audit calls for bookkeeping").containsExactly(0L, 0L, 0L);
                statement.executeUpdate("UPDATE netcron.job SET description = 'edited', next_fire_at = now() WHERE name = 'a'");
                assertThat(calls(statement)).as("validate, version, audit calls for an operator's edit").containsExactly(1L, 1L, 1L);
            }
            connection.rollback();
        }
    }

    @Test
    void everyOperatorColumnIsWatchedByTheValidationAndVersioningTriggers()
    {
        // a column missing from a trigger's UPDATE OF list would be changed without a new version (never applied)
        for (String trigger : List.of("job_validate", "job_versioning")) {
            assertThat(Sql.rows(testDatabase, """
                    SELECT a.attname AS unwatched
                    FROM pg_attribute a
                    JOIN pg_trigger t ON t.tgrelid = a.attrelid AND t.tgname = ?
                    WHERE a.attrelid = 'netcron.job'::regclass AND a.attnum > 0 AND NOT a.attisdropped
                      AND a.attname NOT IN ('next_fire_at', 'last_run_at', 'last_status', 'schedule_error')
                      AND NOT a.attnum = ANY (t.tgattr::int2[])""", trigger))
                    .as("netcron.job columns %s does not watch", trigger).isEmpty();
        }
    }

    /** Calls in this transaction of the validation, versioning and audit functions. */
    private static List<Long> calls(Statement statement)
            throws Exception
    {
        try (ResultSet row = statement.executeQuery("""
                SELECT coalesce(pg_stat_get_xact_function_calls('netcron.job_validate'::regproc), 0),
                       coalesce(pg_stat_get_xact_function_calls('netcron.job_before_update'::regproc), 0),
                       coalesce(pg_stat_get_xact_function_calls('netcron.job_after_change'::regproc), 0)""")) {
            row.next();
            return List.of(row.getLong(1), row.getLong(2), row.getLong(3));
        }
    }
}
