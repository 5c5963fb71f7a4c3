package io.netcron.server.http.ui;

import io.netcron.server.control.JobControl;
import io.netcron.server.db.Database;
import io.netcron.server.db.DatabaseLocation;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Dashboard logins are PostgreSQL roles: a login opens a connection to the node's database as the
 * given user with the given password (so PostgreSQL checks the password, by its own pg_hba rules)
 * and requires membership of {@code netcron_operator}. Each action then runs on a fresh connection
 * as that role through {@link JobControl}, the CLI's and JMX's code path, so the audit trigger
 * records the person as {@code session_user}.
 */
final class OperatorLogin
{
    static final String OPERATOR_ROLE = "netcron_operator";

    private final DatabaseLocation location;
    private final Duration connectTimeout;

    OperatorLogin(DatabaseLocation location, Duration connectTimeout)
    {
        this.location = requireNonNull(location, "location is null");
        this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout is null");
    }

    /** Checks the login; throws {@link LoginRefusedException} with a message for the form. */
    void verify(String user, String password)
    {
        if (user.isBlank()) {
            throw new LoginRefusedException("Enter a PostgreSQL user name.");
        }
        try (Connection connection = dataSource(user, password, "netcron-ui login").getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT pg_has_role(session_user, '" + OPERATOR_ROLE + "', 'MEMBER')")) {
            if (!row.next() || !row.getBoolean(1)) {
                throw new LoginRefusedException("User " + user + " is not a member of " + OPERATOR_ROLE + ": the dashboard's actions need that role.");
            }
        }
        catch (SQLException e) {
            // 28P01 wrong password, 28000 no such role or pg_hba refusal: one message, no hint which
            throw new LoginRefusedException(e.getSQLState() != null && e.getSQLState().startsWith("28")
                    ? "Login refused: wrong user name or password."
                    : "Login failed: the database did not answer (" + e.getSQLState() + ").");
        }
    }

    /** The operator edit API on connections as this session's role. */
    JobControl control(UiSession session)
    {
        Database database = new Database(dataSource(session.user(), session.password(), "netcron-ui " + session.user()));
        return JobControl.on(database.labeled("netcron-ui " + session.user()));
    }

    private PGSimpleDataSource dataSource(String user, String password, String applicationName)
    {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        // the URL may carry the node's own user (?user=...): the explicit user and password set after it win
        dataSource.setURL(location.jdbcUrl());
        dataSource.setUser(user);
        dataSource.setPassword(password);
        dataSource.setApplicationName(applicationName);
        int seconds = (int) Math.max(1, connectTimeout.toSeconds());
        dataSource.setConnectTimeout(seconds);
        dataSource.setLoginTimeout(seconds);
        dataSource.setSocketTimeout(30);
        return dataSource;
    }

    static final class LoginRefusedException
            extends RuntimeException
    {
        LoginRefusedException(String message)
        {
            super(message);
        }
    }
}
