package io.netcron.server.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.netcron.server.config.DatabaseConfig;
import io.netcron.server.config.Settings;
import io.netcron.server.db.DataSources;
import io.netcron.server.db.Database;
import io.netcron.server.db.DatabaseLocation;
import io.netcron.server.db.Migrations;
import io.netcron.server.db.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * A fresh database per test class: on {@code NETCRON_TEST_DB_URL} when set (CI points it at the
 * machine's PostgreSQL), else on an embedded PostgreSQL of this test JVM alone, so the suite
 * passes on a machine with no server. That server lives in a directory named after the JVM's pid:
 * concurrent test JVMs never share it, and it is stopped and deleted when the JVM exits.
 */
public final class TestDatabase
        implements AutoCloseable
{
    public static final String TEST_DB_URL_ENV = "NETCRON_TEST_DB_URL";
    private static EmbeddedPostgres embedded;

    private static final String EMBEDDED_DIRECTORY_PREFIX = "netcron-test-postgres-";

    private final String adminUrl;
    private final String user;
    private final Optional<String> password;
    private final String name;
    private final String url;
    private HikariDataSource pool;

    private TestDatabase(String adminUrl, String user, Optional<String> password, String name, String url)
    {
        this.adminUrl = requireNonNull(adminUrl, "adminUrl is null");
        this.user = requireNonNull(user, "user is null");
        this.password = requireNonNull(password, "password is null");
        this.name = requireNonNull(name, "name is null");
        this.url = requireNonNull(url, "url is null");
    }

    public static TestDatabase create(Class<?> testClass)
    {
        String name = databaseName(testClass);
        String external = System.getenv(TEST_DB_URL_ENV);
        String adminUrl;
        String user;
        Optional<String> password;
        if (external != null && !external.isBlank()) {
            adminUrl = external;
            user = queryParam(external, "user").orElse(System.getProperty("user.name"));
            password = queryParam(external, "password");
        }
        else {
            EmbeddedPostgres postgres = embedded();
            user = postgres.user();
            password = postgres.password();
            // the embedded password is URL-safe (base64url)
            adminUrl = postgres.jdbcUrl("postgres") + "?user=" + user + password.map(value -> "&password=" + value).orElse("");
        }
        return createOn(adminUrl, user, password, name);
    }

    /** A fresh database on a server of the caller's own, e.g. one it stops and restarts ({@link PrivatePostgres}). */
    public static TestDatabase on(PrivatePostgres server, Class<?> testClass)
    {
        return createOn(server.adminUrl(), server.user(), server.password(), databaseName(testClass));
    }

    private static String databaseName(Class<?> testClass)
    {
        return ("nctest_" + testClass.getSimpleName() + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL)).toLowerCase(Locale.ROOT);
    }

    private static TestDatabase createOn(String adminUrl, String user, Optional<String> password, String name)
    {
        execute(adminUrl, "CREATE DATABASE " + name);
        return new TestDatabase(adminUrl, user, password, name, withDatabase(adminUrl, name));
    }

    private static synchronized EmbeddedPostgres embedded()
    {
        if (embedded == null) {
            Path temporary = Path.of(System.getProperty("java.io.tmpdir"));
            deleteDirectoriesOfDeadJvms(temporary);
            Path directory = temporary.resolve(EMBEDDED_DIRECTORY_PREFIX + ProcessHandle.current().pid());
            try {
                Files.createDirectories(directory);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedPostgres started = EmbeddedPostgres.startForTests(directory);
            // close waits for the server to be down, even when its own shutdown hook got there first
            Path base = started.clusterDirectory().getParent();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                deleteQuietly(directory);
                deleteQuietly(base); // differs only when a root JVM fell back to /var/tmp
            }, "netcron-test-postgres-cleanup"));
            embedded = started;
        }
        return embedded;
    }

    // left by a JVM that was killed; kept while a server still runs in it
    private static void deleteDirectoriesOfDeadJvms(Path temporary)
    {
        List<Path> children;
        try (Stream<Path> list = Files.list(temporary)) {
            children = list.filter(child -> child.getFileName().toString().matches(EMBEDDED_DIRECTORY_PREFIX + "\\d+")).toList();
        }
        catch (IOException e) {
            return;
        }
        for (Path child : children) {
            long pid = Long.parseLong(child.getFileName().toString().substring(EMBEDDED_DIRECTORY_PREFIX.length()));
            try {
                if (ProcessHandle.of(pid).isEmpty() && EmbeddedPostgres.findRunning(child).isEmpty()) {
                    deleteQuietly(child);
                }
            }
            catch (RuntimeException e) {
                System.err.println("TestDatabase: leaving " + child + ": " + e.getMessage());
            }
        }
    }

    private static void deleteQuietly(Path root)
    {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
        catch (NoSuchFileException e) {
            // gone already
        }
        catch (IOException | RuntimeException e) {
            System.err.println("TestDatabase: cannot delete " + root + ": " + e);
        }
    }

    /** JDBC URL of this test's database, including {@code user=} and {@code password=} when the admin URL had them. */
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

    public Optional<String> password()
    {
        return password;
    }

    /** {@code NETCRON_DB_*} variables that point a node process at this database. */
    public Map<String, String> environment()
    {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("NETCRON_DB_URL", plainUrl());
        environment.put("NETCRON_DB_USER", user);
        password.ifPresent(value -> environment.put("NETCRON_DB_PASSWORD", value));
        return environment;
    }

    /** {@code db.*} settings that point a node at this database. */
    public Map<String, String> settings()
    {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("db.url", plainUrl());
        settings.put("db.user", user);
        password.ifPresent(value -> settings.put("db.password", value));
        return settings;
    }

    public String name()
    {
        return name;
    }

    public Connection connect()
            throws SQLException
    {
        return DriverManager.getConnection(plainUrl(), user, password.orElse(null));
    }

    /** A connection to the server's maintenance database, for statements about this one (ALTER DATABASE ...). */
    public Connection connectAdmin()
            throws SQLException
    {
        return DriverManager.getConnection(adminUrl);
    }

    /**
     * A connection pool on this database with netcron's migrations applied, for tests of SQL code
     * without a node; closed with this database.
     */
    public synchronized Database migratedPool()
    {
        if (pool == null) {
            pool = DataSources.create(new DatabaseLocation(plainUrl(), user, password, false),
                    DatabaseConfig.from(Settings.of(Map.of())), "test-" + name, "test-" + name);
            Migrations.migrate(pool);
        }
        return new Database(pool);
    }

    @Override
    public synchronized void close()
    {
        if (pool != null) {
            pool.close();
        }
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

    private static Optional<String> queryParam(String jdbcUrl, String key)
    {
        int query = jdbcUrl.indexOf('?');
        if (query < 0) {
            return Optional.empty();
        }
        for (String pair : jdbcUrl.substring(query + 1).split("&")) {
            String[] parts = pair.split("=", 2);
            if (parts.length == 2 && parts[0].equals(key)) {
                return Optional.of(parts[1]);
            }
        }
        return Optional.empty();
    }
}
