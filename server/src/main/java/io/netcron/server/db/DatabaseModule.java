package io.netcron.server.db;

import com.google.inject.AbstractModule;
import com.google.inject.name.Names;

import javax.sql.DataSource;

import static java.util.Objects.requireNonNull;

/** The pool is made (and migrated) before the injector, so a bad URL fails before anything else starts. */
public final class DatabaseModule
        extends AbstractModule
{
    private final DataSource dataSource;
    private final DatabaseLocation location;
    private final DataSource quartzDataSource;

    /** One pool for everything (the CLI, an isolated child). */
    public DatabaseModule(DataSource dataSource, DatabaseLocation location)
    {
        this(dataSource, location, dataSource);
    }

    /** A node: Quartz ({@code @Named("quartz") DataSource}) on a pool of its own. */
    public DatabaseModule(DataSource dataSource, DatabaseLocation location, DataSource quartzDataSource)
    {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.location = requireNonNull(location, "location is null");
        this.quartzDataSource = requireNonNull(quartzDataSource, "quartzDataSource is null");
    }

    @Override
    protected void configure()
    {
        bind(DataSource.class).toInstance(dataSource);
        bind(Database.class).toInstance(new Database(dataSource));
        bind(DatabaseLocation.class).toInstance(location);
        bind(DataSource.class).annotatedWith(Names.named("quartz")).toInstance(quartzDataSource);
    }
}
