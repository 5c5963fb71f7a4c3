package io.netcron.server.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small SQL helpers for assertions: tests read the same tables operators read. */
public final class Sql
{
    private Sql() {}

    public static List<Map<String, Object>> rows(TestDatabase database, String sql, Object... arguments)
    {
        try (Connection connection = database.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < arguments.length; i++) {
                statement.setObject(i + 1, arguments[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
                        row.put(result.getMetaData().getColumnLabel(column), result.getObject(column));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public static long count(TestDatabase database, String sql, Object... arguments)
    {
        return ((Number) rows(database, sql, arguments).getFirst().values().iterator().next()).longValue();
    }

    public static Object value(TestDatabase database, String sql, Object... arguments)
    {
        List<Map<String, Object>> rows = rows(database, sql, arguments);
        return rows.isEmpty() ? null : rows.getFirst().values().iterator().next();
    }

    public static int execute(TestDatabase database, String sql, Object... arguments)
    {
        try (Connection connection = database.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < arguments.length; i++) {
                statement.setObject(i + 1, arguments[i]);
            }
            return statement.executeUpdate();
        }
        catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
