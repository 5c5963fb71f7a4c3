package io.netcron.server.db;

import io.netcron.job.SqlEnum;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** One connection's statements; see {@link Database}. */
public final class Handle
{
    private final Connection connection;

    Handle(Connection connection)
    {
        this.connection = requireNonNull(connection, "connection is null");
    }

    public Connection connection()
    {
        return connection;
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... arguments)
            throws SQLException
    {
        try (PreparedStatement statement = prepare(sql, arguments);
                ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        }
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... arguments)
            throws SQLException
    {
        List<T> rows = query(sql, mapper, arguments);
        if (rows.size() > 1) {
            throw new SQLException("expected at most one row, got " + rows.size() + ": " + sql);
        }
        return rows.stream().findFirst();
    }

    public int update(String sql, Object... arguments)
            throws SQLException
    {
        try (PreparedStatement statement = prepare(sql, arguments)) {
            return statement.executeUpdate();
        }
    }

    private PreparedStatement prepare(String sql, Object... arguments)
            throws SQLException
    {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < arguments.length; i++) {
                bind(statement, i + 1, arguments[i]);
            }
            return statement;
        }
        catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private static void bind(PreparedStatement statement, int index, Object value)
            throws SQLException
    {
        switch (value) {
            case null -> statement.setNull(index, Types.NULL);
            case Instant instant -> statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
            case SqlEnum constant -> statement.setString(index, constant.sqlName());
            // the tables' check constraints accept the SQL name only: an enum without one is a mistake
            case Enum<?> constant -> throw new IllegalArgumentException("cannot bind " + constant.getDeclaringClass().getName() + "." + constant.name()
                    + ": it is not a SqlEnum; bind its text explicitly");
            default -> statement.setObject(index, value);
        }
    }

    public static Instant instant(ResultSet rows, String column)
            throws SQLException
    {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static Integer nullableInt(ResultSet rows, String column)
            throws SQLException
    {
        int value = rows.getInt(column);
        return rows.wasNull() ? null : value;
    }

    public static Long nullableLong(ResultSet rows, String column)
            throws SQLException
    {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : value;
    }
}
