package io.netcron.server.isolation;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.netcron.server.config.DatabaseConfig;
import io.netcron.server.db.DataSources;
import io.netcron.server.db.Database;
import io.netcron.server.db.DatabaseLocation;

import javax.sql.DataSource;

/**
 * The database for an isolated job, opened only if the job asks for something that needs it. The
 * node passes its own database location in the environment, so no migration or discovery runs here.
 */
final class ChildDatabaseModule
        extends AbstractModule
{
    private static final int POOL_SIZE = 2;

    @Provides
    @Singleton
    DatabaseLocation location(DatabaseConfig config)
    {
        String url = config.url().orElseThrow(() -> new IllegalStateException("this isolated run has no database (the node that started it had none)"));
        return new DatabaseLocation(url, config.user(), config.password(), false);
    }

    @Provides
    @Singleton
    DataSource dataSource(DatabaseLocation location, DatabaseConfig config)
    {
        return DataSources.create(location, config.withPoolSize(POOL_SIZE), "netcron-isolated", "netcron-isolated " + ProcessHandle.current().pid());
    }

    @Provides
    @Singleton
    Database database(DataSource dataSource)
    {
        return new Database(dataSource);
    }
}
