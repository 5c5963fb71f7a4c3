package io.netcron.server.db;

import javax.sql.DataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Plain JDBC with lambdas: one statement per call, or a transaction around several. */
public final class Database
{
    private final DataSource dataSource;
    private final Optional<String> sessionLabel;

    public Database(DataSource dataSource)
    {
        this(dataSource, Optional.empty());
    }

    private Database(DataSource dataSource, Optional<String> sessionLabel)
    {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.sessionLabel = requireNonNull(sessionLabel, "sessionLabel is null");
    }

    /**
     * The same database, but every statement runs in a transaction whose {@code application_name}
     * is {@code label} (transaction-local, so pooled connections keep their own name): the audit
     * trigger on {@code netcron.job} then records who made an edit (JMX user, CLI, ...).
     */
    public Database labeled(String label)
    {
        return new Database(dataSource, Optional.of(label));
    }

    public DataSource dataSource()
    {
        return dataSource;
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... arguments)
    {
        return withHandle(handle -> handle.query(sql, mapper, arguments));
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... arguments)
    {
        return withHandle(handle -> handle.queryOne(sql, mapper, arguments));
    }

    public int update(String sql, Object... arguments)
    {
        return withHandle(handle -> handle.update(sql, arguments));
    }

    public <T> T withHandle(HandleCallback<T> callback)
    {
        if (sessionLabel.isPresent()) {
            return inTransaction(callback);
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            return callback.apply(new Handle(connection));
        }
        catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    public <T> T inTransaction(HandleCallback<T> callback)
    {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Handle handle = new Handle(connection);
                if (sessionLabel.isPresent()) {
                    handle.queryOne("SELECT set_config('application_name', ?, true)", row -> true, sessionLabel.get());
                }
                T result = callback.apply(handle);
                connection.commit();
                return result;
            }
            catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(connection, e);
                throw e;
            }
            finally {
                connection.setAutoCommit(true);
            }
        }
        catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    private static void rollbackQuietly(Connection connection, Throwable failure)
    {
        try {
            connection.rollback();
        }
        catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    @FunctionalInterface
    public interface HandleCallback<T>
    {
        T apply(Handle handle)
                throws SQLException;
    }
}
