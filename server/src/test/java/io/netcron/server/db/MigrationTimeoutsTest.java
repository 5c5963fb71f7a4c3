package io.netcron.server.db;

import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migrations run without the pool's lock and statement timeouts (they may wait for running nodes
 * and build indexes), and every pooled connection has the timeouts again afterwards.
 */
class MigrationTimeoutsTest
{
    @ClassDatabase
    private static TestDatabase testDatabase;

    @Test
    void everyPooledConnectionHasTheLockAndStatementTimeoutsAfterTheMigration()
            throws Exception
    {
        Database database = testDatabase.migratedPool();
        List<Connection> held = new ArrayList<>();
        try {
            // more connections than the pool keeps idle, so the ones Flyway used are among them
            for (int i = 0; i < 4; i++) {
                Connection connection = database.dataSource().getConnection();
                held.add(connection);
                assertThat(show(connection, "lock_timeout")).isEqualTo("2s");
                assertThat(show(connection, "statement_timeout")).isEqualTo("1min");
                assertThat(show(connection, "idle_in_transaction_session_timeout")).isEqualTo("10s");
            }
        }
        finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }

    @Test
    void aMigrationConnectionHasNoLockOrStatementTimeout()
            throws Exception
    {
        try (Connection connection = new MigrationConnections(testDatabase.migratedPool().dataSource()).getConnection()) {
            assertThat(show(connection, "lock_timeout")).isEqualTo("0");
            assertThat(show(connection, "statement_timeout")).isEqualTo("0");
        }
    }

    private static String show(Connection connection, String setting)
            throws Exception
    {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("SHOW " + setting)) {
            row.next();
            return row.getString(1);
        }
    }
}
