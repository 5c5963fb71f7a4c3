package io.netcron.server.db;

import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The least-privilege roles of V014, against a real database: each role is tried with SET ROLE in
 * a session of the test's (superuser) login. Roles are cluster-wide, so several databases of one
 * server migrating at once must all succeed.
 */
class RolesMigrationTest
{
    @ClassDatabase(migrated = true)
    private static TestDatabase testDatabase;

    @BeforeAll
    static void insertJob()
    {
        Sql.execute(testDatabase, "INSERT INTO netcron.job (name, implementation, schedule) VALUES ('roles-job', 'sleep', NULL)");
    }

    @Test
    void anOperatorEditsJobsAndTheAuditNamesTheLoginButCannotTouchQuartzCredentialsOrTheAudit()
            throws Exception
    {
        try (Connection session = as("netcron_operator")) {
            execute(session, "UPDATE netcron.job SET schedule = '0 0 * * * ?' WHERE name = 'roles-job'");
            execute(session, "INSERT INTO netcron.job_request (job_name) VALUES ('roles-job')");
            assertDenied(session, "SELECT count(*) FROM netcron.qrtz_triggers");
            assertDenied(session, "SELECT count(*) FROM netcron.credential");
            assertDenied(session, "INSERT INTO netcron.job_change (db_user, operation, job_name) VALUES ('someone', 'UPDATE', 'roles-job')");
        }
        assertThat(Sql.value(testDatabase, "SELECT db_user FROM netcron.job_change WHERE job_name = 'roles-job' AND operation = 'UPDATE' ORDER BY id DESC LIMIT 1"))
                .isEqualTo(Sql.value(testDatabase, "SELECT session_user"));
    }

    @Test
    void aReaderReadsHistoryButEditsNothing()
            throws Exception
    {
        try (Connection session = as("netcron_reader")) {
            execute(session, "SELECT count(*) FROM netcron.job_run");
            assertDenied(session, "UPDATE netcron.job SET enabled = false WHERE name = 'roles-job'");
            assertDenied(session, "SELECT count(*) FROM netcron.qrtz_locks");
        }
    }

    @Test
    void aNodeWritesEveryNetcronTableButChangesNoSchema()
            throws Exception
    {
        try (Connection session = as("netcron_node")) {
            execute(session, "SELECT count(*) FROM netcron.qrtz_triggers");
            execute(session, "SELECT count(*) FROM netcron.credential");
            execute(session, "UPDATE netcron.ssh_host_key SET host = host WHERE false");
            assertDenied(session, "CREATE TABLE netcron.not_allowed (id int)");
        }
    }

    @Test
    void databasesOfOneServerMigratingAtOnceAllSucceed()
    {
        CompletableFuture<TestDatabase> first = CompletableFuture.supplyAsync(() -> migrated("roles-a"));
        CompletableFuture<TestDatabase> second = CompletableFuture.supplyAsync(() -> migrated("roles-b"));
        try (TestDatabase a = first.join(); TestDatabase b = second.join()) {
            assertThat(Sql.value(a, "SELECT count(*) FROM pg_roles WHERE rolname LIKE 'netcron\\_%'")).isEqualTo(3L);
            assertThat(Sql.value(b, "SELECT has_table_privilege('netcron_node', 'netcron.job_run', 'INSERT')")).isEqualTo(true);
        }
    }

    private static TestDatabase migrated(String name)
    {
        TestDatabase database = TestDatabase.create(RolesMigrationTest.class);
        database.migratedPool();
        return database;
    }

    private static Connection as(String role)
            throws SQLException
    {
        Connection session = testDatabase.connect();
        execute(session, "SET ROLE " + role);
        return session;
    }

    private static void execute(Connection session, String sql)
            throws SQLException
    {
        try (Statement statement = session.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void assertDenied(Connection session, String sql)
    {
        assertThatThrownBy(() -> execute(session, sql)).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
    }
}
