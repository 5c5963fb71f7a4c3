package io.netcron.server.testing;

import io.netcron.server.db.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * A PostgreSQL server of one test (or one chaos run) alone, that it may stop and start again: the
 * machine's server and the suite's shared embedded one are never stopped by a test. Started from
 * the embedded binaries in a directory of its own; it comes back on the same port with the same
 * password, so nodes configured with its URL reconnect to it.
 */
public final class PrivatePostgres
        implements AutoCloseable
{
    private static final String DIRECTORY_PREFIX = "netcron-private-postgres-";

    private final Path directory;
    // where the cluster lives: under directory, or elsewhere when a root JVM fell back to /var/tmp
    private final Path base;
    private final int port;
    private final String user;
    private final Optional<String> password;
    private EmbeddedPostgres server;

    private PrivatePostgres(Path directory, EmbeddedPostgres server)
    {
        this.directory = requireNonNull(directory, "directory is null");
        this.server = requireNonNull(server, "server is null");
        this.base = server.clusterDirectory().getParent();
        this.port = server.port();
        this.user = server.user();
        this.password = server.password();
    }

    /** Starts a new server in a fresh directory under the temporary directory, named after {@code name} and this JVM. */
    public static PrivatePostgres start(String name)
    {
        Path directory = Path.of(System.getProperty("java.io.tmpdir"), DIRECTORY_PREFIX + name + "-" + ProcessHandle.current().pid());
        deleteQuietly(directory); // left by an earlier JVM with the same pid
        try {
            Files.createDirectories(directory);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PrivatePostgres(directory, EmbeddedPostgres.startForTests(directory));
    }

    public int port()
    {
        return port;
    }

    /** JDBC URL of its maintenance database with {@code user=} and {@code password=}: what {@link TestDatabase#on} takes. */
    public String adminUrl()
    {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + user + password.map(value -> "&password=" + value).orElse("");
    }

    public String user()
    {
        return user;
    }

    public Optional<String> password()
    {
        return password;
    }

    public synchronized boolean isRunning()
    {
        return server != null && server.isRunning();
    }

    /** A fast shutdown ({@code pg_ctl stop -m fast}): open sessions are cut, and nothing accepts connections until {@link #startAgain()}. */
    public synchronized Instant stop()
    {
        if (server != null) {
            server.close();
            server = null;
        }
        return Instant.now();
    }

    /** Starts the stopped server again on its port; fails if another program took that port meanwhile. */
    public synchronized Instant startAgain()
    {
        if (server == null) {
            EmbeddedPostgres started = EmbeddedPostgres.startForTests(directory);
            if (started.port() != port) {
                started.close();
                throw new IllegalStateException("the private PostgreSQL came back on port " + started.port() + " instead of " + port + " (taken meanwhile)");
            }
            server = started;
        }
        return Instant.now();
    }

    /** Stops the server and deletes its directory. */
    @Override
    public synchronized void close()
    {
        stop();
        deleteQuietly(directory);
        deleteQuietly(base);
    }

    private static void deleteQuietly(Path root)
    {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
        catch (IOException | RuntimeException e) {
            System.err.println("PrivatePostgres: cannot delete " + root + ": " + e);
        }
    }
}
