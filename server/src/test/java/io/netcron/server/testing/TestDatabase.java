package io.netcron.server.testing;

import io.netcron.server.db.EmbeddedPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import static java.util.Objects.requireNonNull;

/**
 * A fresh database per test class: on {@code NETCRON_TEST_DB_URL} when set (CI points it at the
 * machine's PostgreSQL), else on an embedded PostgreSQL shared by the test JVM, so the suite
 * passes on a machine with no server.
 */
public final class TestDatabase
        implements AutoCloseable
{
    public static final String TEST_DB_URL_ENV = "NETCRON_TEST_DB_URL";
    private static EmbeddedPostgres embedded;

    private final String adminUrl;
    private final String user;
    private final String name;
    private final String url;

    private TestDatabase(String adminUrl, String user, String name, String url)
    {
        this.adminUrl = requireNonNull(adminUrl, "adminUrl is null");
        this.user = requireNonNull(user, "user is null");
        this.name = requireNonNull(name, "name is null");
        this.url = requireNonNull(url, "url is null");
    }

    public static TestDatabase create(Class<?> testClass)
    {
        String name = ("nctest_" + testClass.getSimpleName() + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL)).toLowerCase(Locale.ROOT);
        String external = System.getenv(TEST_DB_URL_ENV);
        String adminUrl;
        String user;
        if (external != null && !external.isBlank()) {
            adminUrl = external;
            user = queryParam(external, "user").orElse(System.getProperty("user.name"));
        }
        else {
            EmbeddedPostgres postgres = embedded();
            adminUrl = postgres.jdbcUrl("postgres") + "?user=" + postgres.user();
            user = postgres.user();
        }
        execute(adminUrl, "CREATE DATABASE " + name);
        return new TestDatabase(adminUrl, user, name, withDatabase(adminUrl, name));
    }

    private static synchronized EmbeddedPostgres embedded()
    {
        if (embedded == null) {
            try {
                Path directory = Path.of(System.getProperty("java.io.tmpdir"), "netcron-test-postgres");
                Files.createDirectories(directory);
                embedded = EmbeddedPostgres.startForTests(directory);
            }
            catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return embedded;
    }

    /** JDBC URL of this test's database, including {@code user=} when the admin URL had one. */
    public String url()
    {
        return url;
    }

    /** URL without query parameters, for {@code NETCRON_DB_URL} alongside {@link #user()}. */
    public String plainUrl()
    {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    public String user()
    {
        return user;
    }

    public String name()
    {
        return name;
    }

    public Connection connect()
            throws SQLException
    {
        return DriverManager.getConnection(plainUrl(), user, null);
    }

    /** A connection to the server's maintenance database, for statements about this one (ALTER DATABASE ...). */
    public Connection connectAdmin()
            throws SQLException
    {
        return DriverManager.getConnection(adminUrl);
    }

    @Override
    public void close()
    {
        execute(adminUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void execute(String jdbcUrl, String sql)
    {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException e) {
            throw new IllegalStateException("test database: " + sql + ": " + e.getMessage(), e);
        }
    }

    static String withDatabase(String jdbcUrl, String database)
    {
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        String params = query < 0 ? "" : jdbcUrl.substring(query);
        int slash = base.lastIndexOf('/');
        return base.substring(0, slash + 1) + database + params;
    }

    private static java.util.Optional<String> queryParam(String jdbcUrl, String key)
    {
        int query = jdbcUrl.indexOf('?');
        if (query < 0) {
            return java.util.Optional.empty();
        }
        for (String pair : jdbcUrl.substring(query + 1).split("&")) {
            String[] parts = pair.split("=", 2);
            if (parts.length == 2 && parts[0].equals(key)) {
                return java.util.Optional.of(parts[1]);
            }
        }
        return java.util.Optional.empty();
    }
}
