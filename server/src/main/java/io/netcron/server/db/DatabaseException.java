package io.netcron.server.db;

import java.sql.SQLException;

/** An unchecked wrapper so callers need not thread SQLException through every lambda. */
public final class DatabaseException
        extends RuntimeException
{
    public DatabaseException(SQLException cause)
    {
        super(cause.getMessage(), cause);
    }

    public String sqlState()
    {
        return ((SQLException) getCause()).getSQLState();
    }

    public boolean isUniqueViolation()
    {
        return "23505".equals(sqlState());
    }
}
