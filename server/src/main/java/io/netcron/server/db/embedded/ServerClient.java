package io.netcron.server.db.embedded;

import org.postgresql.Driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import static java.util.Objects.requireNonNull;

// JDBC to the embedded server as its superuser, for netcron's own checks; never prints the password.
final class ServerClient
{
    static final String SUPERUSER = "netcron";
    static final String DATABASE = "netcron";
    // wrong password (28P01), no pg_hba.conf entry (28000), and the driver's "no password was provided" (08004)
    private static final Set<String> REJECTED = Set.of("28P01", "28000", "08004");

    private final int port;
    private final Optional<String> password;

    ServerClient(int port, Optional<String> password)
    {
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.port = port;
        this.password = requireNonNull(password, "password is null");
    }

    static String jdbcUrl(int port, String database)
    {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    // empty when the server on the port answers and serves this cluster; else why not
    Optional<String> probe(Path cluster)
    {
        try {
            return servedCluster(cluster);
        }
        catch (SQLException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    // like probe, but a server that rejects netcron fails at once: waiting would not help
    Optional<String> probeToAttach(Path cluster)
    {
        try {
            return servedCluster(cluster);
        }
        catch (SQLException e) {
            if (REJECTED.contains(e.getSQLState())) {
                throw new EmbeddedPostgresException("the PostgreSQL server for " + cluster + " on 127.0.0.1:" + port + " rejects netcron (" + e.getMessage()
                        + "); if its password file was deleted or edited, stop that server so netcron sets a new password when it starts it again", e);
            }
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    void ensureDatabase()
    {
        try (Connection connection = connect("postgres")) {
            try (PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                exists.setString(1, DATABASE);
                try (ResultSet result = exists.executeQuery()) {
                    if (result.next()) {
                        return;
                    }
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("create database " + DATABASE);
            }
        }
        catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) { // duplicate_database: a concurrent creator won
                throw new EmbeddedPostgresException("cannot create database " + DATABASE + " on 127.0.0.1:" + port + ": " + e.getMessage(), e);
            }
        }
    }

    private Optional<String> servedCluster(Path cluster)
            throws SQLException
    {
        try (Connection connection = connect("postgres");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select current_setting('data_directory')")) {
            result.next();
            Path served = Path.of(result.getString(1));
            return sameFile(served, cluster) ? Optional.empty() : Optional.of("127.0.0.1:" + port + " serves another cluster, " + served);
        }
    }

    private Connection connect(String database)
            throws SQLException
    {
        Properties properties = new Properties();
        properties.setProperty("user", SUPERUSER);
        password.ifPresent(value -> properties.setProperty("password", value));
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("loginTimeout", "5");
        properties.setProperty("socketTimeout", "30");
        properties.setProperty("ApplicationName", "netcron embedded-postgres");
        Connection connection = new Driver().connect(jdbcUrl(port, database), properties);
        if (connection == null) {
            throw new SQLException("the PostgreSQL driver rejected " + jdbcUrl(port, database));
        }
        return connection;
    }

    private static boolean sameFile(Path a, Path b)
    {
        try {
            return Files.isSameFile(a, b);
        }
        catch (IOException e) {
            return a.normalize().equals(b.normalize());
        }
    }

    @Override
    public String toString()
    {
        return "ServerClient[127.0.0.1:" + port + (password.isPresent() ? ", with password" : ", without password") + "]";
    }
}
