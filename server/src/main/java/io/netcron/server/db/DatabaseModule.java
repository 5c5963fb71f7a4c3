package io.netcron.server.db;

import com.google.inject.AbstractModule;

import javax.sql.DataSource;

import static java.util.Objects.requireNonNull;

/** The pool is made (and migrated) before the injector, so a bad URL fails before anything else starts. */
public final class DatabaseModule
        extends AbstractModule
{
    private final DataSource dataSource;
    private final DatabaseLocation location;

    public DatabaseModule(DataSource dataSource, DatabaseLocation location)
    {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.location = requireNonNull(location, "location is null");
    }

    @Override
    protected void configure()
    {
        bind(DataSource.class).toInstance(dataSource);
        bind(Database.class).toInstance(new Database(dataSource));
        bind(DatabaseLocation.class).toInstance(location);
    }
}
