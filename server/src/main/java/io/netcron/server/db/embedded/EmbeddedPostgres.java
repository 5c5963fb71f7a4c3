package io.netcron.server.db.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

// A PostgreSQL server run from the binaries on the classpath, for when no database is configured.
// The cluster outlives the JVM (it lives in netcron's data directory), and every netcron process
// pointed at the same data directory finds and shares the one running server. Clients connect over
// 127.0.0.1 as 'netcron' with the password kept, readable by the JVM's user only, in the data directory.
// Every process that started or attached to it (start) is one of its users (Users); closing, or the
// JVM's exit, leaves, and the last user to leave stops the server, whether it started it or not.
public final class EmbeddedPostgres
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);

    private final Path clusterDirectory;
    private final int port;
    private final Optional<String> password;
    // present when this instance started the server
    private final Optional<PostgresServer> server;
    // the data directory whose users this instance counts in; empty for a probe (findRunning)
    private final Optional<Path> member;
    private final Thread exitHook = new Thread(this::close, "netcron-postgres-leave");
    private boolean closed;

    private EmbeddedPostgres(Path clusterDirectory, int port, Optional<String> password, Optional<PostgresServer> server)
    {
        this(clusterDirectory, port, password, server, Optional.empty());
    }

    private EmbeddedPostgres(Path clusterDirectory, int port, Optional<String> password, Optional<PostgresServer> server, Optional<Path> member)
    {
        this.member = requireNonNull(member, "member is null");
        this.clusterDirectory = requireNonNull(clusterDirectory, "clusterDirectory is null");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.port = port;
        this.password = requireNonNull(password, "password is null");
        this.server = requireNonNull(server, "server is null");
    }

    public static EmbeddedPostgres start(Path dataDir)
            throws EmbeddedPostgresException
    {
        return start(dataDir, false);
    }

    // Same as start, but trades durability for speed: nothing is fsynced, so a machine crash can lose the cluster.
    public static EmbeddedPostgres startForTests(Path dataDir)
            throws EmbeddedPostgresException
    {
        return start(dataDir, true);
    }

    public static Optional<EmbeddedPostgres> findRunning(Path dataDir)
            throws EmbeddedPostgresException
    {
        requireNonNull(dataDir, "dataDir is null");
        Path requested = dataDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(requested)) {
            return Optional.empty();
        }
        return io("look for the embedded PostgreSQL of " + requested, () -> {
            ClusterLayout layout = ClusterLayout.existing(requested.toRealPath());
            Optional<Postmaster> postmaster = Postmaster.read(layout.cluster());
            if (postmaster.isEmpty() || !postmaster.get().isAlive()) {
                return Optional.empty();
            }
            Optional<String> password = new PasswordFile(layout.passwordFile()).read();
            if (postmaster.get().probe(layout.cluster(), password).isPresent()) {
                return Optional.empty();
            }
            return Optional.of(attached(layout, postmaster.get().port(), password));
        });
    }

    public String jdbcUrl()
    {
        return jdbcUrl(ServerClient.DATABASE);
    }

    public String jdbcUrl(String database)
    {
        requireNonNull(database, "database is null");
        return ServerClient.jdbcUrl(port, database);
    }

    public String user()
    {
        return ServerClient.SUPERUSER;
    }

    // Empty only while attached to a server of an older netcron that still lets local users in without one.
    public Optional<String> password()
    {
        return password;
    }

    public int port()
    {
        return port;
    }

    public Path clusterDirectory()
    {
        return clusterDirectory;
    }

    // Whether the server named by the data directory's postmaster.pid is alive.
    public boolean isRunning()
    {
        try {
            return Postmaster.read(clusterDirectory).filter(Postmaster::isAlive).isPresent();
        }
        catch (IOException e) {
            return true; // cannot tell: do not start a second one
        }
    }

    public boolean ownsProcess()
    {
        return server.isPresent();
    }

    // A node leaves in its orderly shutdown (it drains its jobs first), so the JVM-exit hook that
    // otherwise leaves must not race that shutdown.
    public void stopOnlyWhenClosed()
    {
        server.ifPresent(PostgresServer::removeShutdownHook);
        removeExitHook();
    }

    // Leaves; the last user to leave stops the server. Returns once it is down, also to a concurrent caller.
    @Override
    public synchronized void close()
    {
        if (closed) {
            return;
        }
        closed = true;
        if (member.isEmpty()) {
            server.ifPresent(PostgresServer::stop);
            return;
        }
        removeExitHook();
        Path dataDirectory = member.get();
        Users.leave(dataDirectory);
        StartLock.holding(dataDirectory, () -> {
            boolean last;
            try {
                last = Users.nobody(dataDirectory);
            }
            catch (IOException e) {
                log.warn("Cannot tell whether other processes use the embedded PostgreSQL ({}); {}", e.getMessage(), server.isPresent() ? "stopping it" : "leaving it running");
                last = server.isPresent();
            }
            if (!last) {
                log.info("Leaving the embedded PostgreSQL on 127.0.0.1:{} running: other netcron processes use it", port);
            }
            else if (server.isPresent()) {
                server.get().stop();
            }
            else {
                stopBySignal();
            }
            return null;
        });
    }

    private EmbeddedPostgres member(Path dataDirectory)
    {
        return new EmbeddedPostgres(clusterDirectory, port, password, server, Optional.of(dataDirectory));
    }

    private EmbeddedPostgres leaveOnJvmExit()
    {
        if (member.isPresent()) {
            Runtime.getRuntime().addShutdownHook(exitHook);
        }
        return this;
    }

    private void removeExitHook()
    {
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook);
        }
        catch (IllegalStateException e) {
            // the JVM is exiting: this runs in the hook or after it
        }
    }

    // The last user did not start the server (its starter is gone): a fast shutdown by signal, as pg_ctl -m fast does.
    private void stopBySignal()
    {
        try {
            Optional<Postmaster> postmaster = Postmaster.read(clusterDirectory).filter(Postmaster::isAlive);
            Optional<ProcessHandle> process = postmaster.flatMap(running -> ProcessHandle.of(running.pid()));
            if (process.isEmpty()) {
                return;
            }
            log.info("Stopping embedded PostgreSQL on 127.0.0.1:{} (pid {}): the last netcron process using it is leaving", port, postmaster.get().pid());
            new ProcessBuilder("kill", "-INT", Long.toString(postmaster.get().pid())).start().waitFor();
            process.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        catch (Exception e) {
            log.warn("Could not stop the embedded PostgreSQL: {}", e.getMessage());
        }
    }

    @Override
    public String toString()
    {
        return "EmbeddedPostgres[127.0.0.1:" + port + ", " + clusterDirectory + (ownsProcess() ? ", owner" : ", attached") + "]";
    }

    private static EmbeddedPostgres start(Path dataDir, boolean forTests)
    {
        requireNonNull(dataDir, "dataDir is null");
        checkPlatform();
        PostgresAccount account = PostgresAccount.forThisJvm();
        Path absolute = dataDir.toAbsolutePath().normalize();
        Path requested = io("create the data directory " + absolute, () -> account.createDirectories(absolute).toRealPath());
        return StartLock.holding(requested, () -> io("start the embedded PostgreSQL for " + requested, () -> {
            ClusterLayout layout = ClusterLayout.prepare(requested, account);
            Optional<String> stored = new PasswordFile(layout.passwordFile()).read();
            Optional<Integer> running = Postmaster.awaitAnswering(layout.cluster(), stored, Instant.now().plus(PostgresServer.START_TIMEOUT));
            if (running.isPresent()) {
                new ServerClient(running.get(), stored).ensureDatabase();
                log.info("Attached to the embedded PostgreSQL already running on 127.0.0.1:{} (data in {})", running.get(), layout.cluster());
                Users.join(requested);
                return attached(layout, running.get(), stored).member(requested);
            }
            Binaries binaries = Binaries.extractedFor(layout, forTests, account);
            String password = new ClusterSetup(layout, binaries, account, forTests).prepare();
            PostgresServer server = new PostgresServer(layout, binaries, account, forTests);
            int port = server.start(password);
            Users.join(requested);
            // stopped by the last user to leave (see close), not by this JVM's exit as such
            server.removeShutdownHook();
            return new EmbeddedPostgres(layout.cluster(), port, Optional.of(password), Optional.of(server), Optional.of(requested));
        })).leaveOnJvmExit();
    }

    private static EmbeddedPostgres attached(ClusterLayout layout, int port, Optional<String> password)
    {
        boolean trusting;
        try {
            trusting = ClusterAuthentication.trustsLocalUsers(layout.cluster());
        }
        catch (IOException e) {
            trusting = false; // not ours to read; the server answered, which is what matters here
        }
        if (trusting) {
            log.warn("The embedded PostgreSQL on 127.0.0.1:{} (data in {}) lets every local user in without a password; "
                    + "netcron sets a password when it next starts that server itself", port, layout.cluster());
        }
        return new EmbeddedPostgres(layout.cluster(), port, password, Optional.empty());
    }

    private interface IoSupplier<T>
    {
        T get()
                throws IOException;
    }

    private static <T> T io(String what, IoSupplier<T> body)
    {
        try {
            return body.get();
        }
        catch (AccessDeniedException e) {
            throw new EmbeddedPostgresException("cannot " + what + ": permission denied on " + e.getFile(), e);
        }
        catch (IOException e) {
            throw new EmbeddedPostgresException("cannot " + what + ": " + e, e);
        }
    }

    private static void checkPlatform()
    {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        if (!os.startsWith("Linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new EmbeddedPostgresException("the embedded PostgreSQL runs on Linux x86_64 only (this is " + os + " " + arch + "); configure an external database");
        }
    }
}
