package io.netcron.server.db;

import javax.sql.DataSource;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * The pool's connections for Flyway without the pool's lock and statement timeouts: a migration
 * may wait for running nodes' locks and build an index for longer than a bookkeeping statement
 * may. The timeouts are restored before a connection goes back to the pool.
 */
final class MigrationConnections
        implements DataSource
{
    private final DataSource pool;

    MigrationConnections(DataSource pool)
    {
        this.pool = requireNonNull(pool, "pool is null");
    }

    @Override
    public Connection getConnection()
            throws SQLException
    {
        Connection connection = pool.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET lock_timeout = 0; SET statement_timeout = 0");
        }
        catch (SQLException e) {
            connection.close();
            throw e;
        }
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, arguments) -> {
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                try (Statement statement = connection.createStatement()) {
                    if (!connection.getAutoCommit()) {
                        // a RESET inside a transaction the pool rolls back would be undone
                        connection.rollback();
                        connection.setAutoCommit(true);
                    }
                    statement.execute("RESET lock_timeout; RESET statement_timeout");
                }
                catch (SQLException ignored) {
                    // a broken connection: the pool discards it
                }
            }
            try {
                return method.invoke(connection, arguments);
            }
            catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    @Override
    public Connection getConnection(String username, String password)
            throws SQLException
    {
        throw new SQLFeatureNotSupportedException("the pool's own credentials are used");
    }

    @Override
    public PrintWriter getLogWriter()
            throws SQLException
    {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out)
            throws SQLException
    {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds)
            throws SQLException
    {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout()
            throws SQLException
    {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger()
            throws SQLFeatureNotSupportedException
    {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type)
            throws SQLException
    {
        return pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type)
            throws SQLException
    {
        return pool.isWrapperFor(type);
    }
}
