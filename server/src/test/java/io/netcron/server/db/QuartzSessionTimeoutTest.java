package io.netcron.server.db;

import com.zaxxer.hikari.HikariDataSource;
import io.netcron.server.config.DatabaseConfig;
import io.netcron.server.config.Settings;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quartz's sessions are ended by PostgreSQL after less than half the misfire threshold idle in a
 * transaction: a frozen node holding Quartz's cluster lock delays the others' firings, it does not
 * make them miss.
 */
class QuartzSessionTimeoutTest
{
    @ClassDatabase
    private static TestDatabase database;

    @Test
    void quartzSessionsEndIdleTransactionsWithinHalfTheMisfireThreshold()
    {
        DatabaseConfig defaults = DatabaseConfig.from(Settings.of(Map.of()));
        assertThat(DataSources.quartzIdleInTransactionTimeout(defaults, Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(5));
        assertThat(DataSources.quartzIdleInTransactionTimeout(defaults, Duration.ofMinutes(5))).as("never above db.idle-in-transaction-timeout").isEqualTo(Duration.ofSeconds(10));
        assertThat(DataSources.quartzIdleInTransactionTimeout(defaults, Duration.ofSeconds(1))).as("at least 1 s").isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void quartzPoolSessionsCarryTheShorterTimeoutAndTheMainPoolTheConfiguredOne()
            throws Exception
    {
        DatabaseConfig defaults = DatabaseConfig.from(Settings.of(Map.of()));
        DatabaseLocation location = new DatabaseLocation(database.plainUrl(), database.user(), database.password(), false);
        try (HikariDataSource quartz = DataSources.createForQuartz(location, defaults, Duration.ofSeconds(10), 2, "test-quartz", "test-quartz");
                HikariDataSource main = DataSources.create(location, defaults, "test-main", "test-main")) {
            assertThat(setting(quartz, "idle_in_transaction_session_timeout")).isEqualTo("5s");
            assertThat(setting(main, "idle_in_transaction_session_timeout")).isEqualTo("10s");
        }
    }

    private static String setting(HikariDataSource pool, String name)
            throws Exception
    {
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SHOW " + name)) {
            row.next();
            return row.getString(1);
        }
    }
}
