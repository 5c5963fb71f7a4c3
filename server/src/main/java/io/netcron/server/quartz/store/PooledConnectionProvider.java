package io.netcron.server.quartz.store;

import org.quartz.utils.ConnectionProvider;

import javax.sql.DataSource;

import java.sql.Connection;
import java.sql.SQLException;

import static java.util.Objects.requireNonNull;

/** Hands Quartz connections from the node's own pool, so the node has one pool to size and watch. */
final class PooledConnectionProvider
        implements ConnectionProvider
{
    private final DataSource dataSource;

    PooledConnectionProvider(DataSource dataSource)
    {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    @Override
    public Connection getConnection()
            throws SQLException
    {
        return dataSource.getConnection();
    }

    @Override
    public void shutdown()
    {
        // the pool belongs to the node's lifecycle, not to Quartz
    }

    @Override
    public void initialize() {}
}
