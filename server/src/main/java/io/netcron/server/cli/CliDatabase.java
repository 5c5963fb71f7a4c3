package io.netcron.server.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.netcron.server.config.NetcronConfig;
import io.netcron.server.db.DataSources;
import io.netcron.server.db.Database;
import io.netcron.server.db.DatabaseLocator;
import io.netcron.server.db.Migrations;

import static java.util.Objects.requireNonNull;

/** The database for one CLI command: the same one the node uses under the same configuration. */
public final class CliDatabase
        implements AutoCloseable
{
    private final DatabaseLocator.Located located;
    private final HikariDataSource dataSource;
    private final Database database;

    private CliDatabase(DatabaseLocator.Located located, HikariDataSource dataSource)
    {
        this.located = requireNonNull(located, "located is null");
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.database = new Database(dataSource);
    }

    public static CliDatabase open(NetcronConfig config)
    {
        DatabaseLocator.Located located = DatabaseLocator.locate(config.database(), config.node());
        try {
            HikariDataSource dataSource = DataSources.create(located.location(), config.database().withPoolSize(2), "netcron-cli",
                    "netcron-cli " + System.getProperty("user.name") + "@" + config.node().nodeId());
            try {
                Migrations.migrate(dataSource);
            }
            catch (RuntimeException e) {
                dataSource.close();
                throw e;
            }
            return new CliDatabase(located, dataSource);
        }
        catch (RuntimeException e) {
            closeQuietly(located.closer());
            throw e;
        }
    }

    public Database database()
    {
        return database;
    }

    public HikariDataSource dataSource()
    {
        return dataSource;
    }

    public DatabaseLocator.Located located()
    {
        return located;
    }

    @Override
    public void close()
    {
        dataSource.close();
        closeQuietly(located.closer());
    }

    private static void closeQuietly(AutoCloseable closeable)
    {
        try {
            closeable.close();
        }
        catch (Exception ignored) {
            // nothing useful to tell the user on the way out
        }
    }
}
