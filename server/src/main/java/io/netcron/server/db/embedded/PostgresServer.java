package io.netcron.server.db.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

// The PostgreSQL server process of one cluster, started by this JVM: launched on 127.0.0.1 with a port kept
// across restarts, stopped by close or when the JVM exits, and killed if it fails to come up.
final class PostgresServer
{
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);

    private static final String PORT_FILE = "netcron-port";
    // sun_path is 108 bytes including the terminating NUL; PostgreSQL fails to start beyond that
    private static final int MAX_SOCKET_PATH = 107;

    private final Path cluster;
    private final Path workingDirectory;
    private final Binaries binaries;
    private final PostgresAccount account;
    private final boolean forTests;
    // an owner that is never closed (Ctrl-C, System.exit) must not leave its server behind
    private final Thread shutdownHook = new Thread(this::onJvmExit, "netcron-postgres-stop");
    private final AtomicReference<Process> process = new AtomicReference<>();
    private volatile boolean ready;
    private volatile int port;
    private boolean stopped;

    PostgresServer(ClusterLayout layout, Binaries binaries, PostgresAccount account, boolean forTests)
    {
        requireNonNull(layout, "layout is null");
        this.cluster = layout.cluster();
        this.workingDirectory = layout.base();
        this.binaries = requireNonNull(binaries, "binaries is null");
        this.account = requireNonNull(account, "account is null");
        this.forTests = forTests;
    }

    // returns once the server answers as netcron, with the database netcron present; the port it listens on
    int start(String password)
            throws IOException
    {
        requireNonNull(password, "password is null");
        Path logFile = logFile();
        // until the server is ready nobody else knows about it: the hook kills it if the JVM exits meanwhile
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            for (int attempt = 1; ; attempt++) {
                int chosen = choosePort(attempt == 1);
                long logOffset = Files.size(logFile);
                try {
                    launch(chosen, password, logFile, logOffset);
                    return chosen;
                }
                catch (IOException | RuntimeException | Error e) {
                    abort();
                    // another program can take the free port between our check and PostgreSQL's bind
                    if (e instanceof EmbeddedPostgresException && attempt < 3 && logSince(logFile, logOffset).contains("Address already in use")) {
                        log.info("Port {} was taken before PostgreSQL could bind it; trying another", chosen);
                        continue;
                    }
                    throw e;
                }
            }
        }
        catch (IOException | RuntimeException | Error e) {
            removeShutdownHook();
            throw e;
        }
    }

    // once; a second caller returns when the server is down, so it may delete the cluster then
    synchronized void stop()
    {
        if (stopped) {
            return;
        }
        stopped = true;
        removeShutdownHook();
        Optional<Postmaster> postmaster;
        try {
            postmaster = Postmaster.read(cluster);
        }
        catch (IOException | RuntimeException e) {
            postmaster = Optional.empty();
        }
        if (postmaster.isEmpty()) {
            return;
        }
        log.info("Stopping embedded PostgreSQL on 127.0.0.1:{} (data in {})", port, cluster);
        try {
            Processes.run(account.command(binaries.bin("pg_ctl").toString(), "stop", "-D", cluster.toString(), "-m", "fast", "-w", "-t", "60"),
                    workingDirectory, Duration.ofSeconds(90), "pg_ctl stop");
        }
        catch (RuntimeException e) {
            // fall back to a smart shutdown by signal rather than leaving the server running
            log.warn("{}; sending SIGTERM to PostgreSQL (pid {})", e.getMessage(), postmaster.get().pid());
            ProcessHandle.of(postmaster.get().pid()).ifPresent(ProcessHandle::destroy);
        }
    }

    private void launch(int chosen, String password, Path logFile, long logOffset)
            throws IOException
    {
        List<String> command = account.command();
        // its own session: a Ctrl-C in the terminal reaches netcron, which then stops PostgreSQL in order
        Processes.findExecutable("setsid").ifPresent(setsid -> command.add(setsid.toString()));
        command.addAll(List.of(binaries.bin("postgres").toString(), "-D", cluster.toString(), "-p", String.valueOf(chosen),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + socketDirectories(chosen)));
        if (forTests) {
            command.addAll(List.of("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
        }
        process.set(Processes.builder(command, workingDirectory).redirectOutput(Redirect.appendTo(logFile.toFile())).start());
        ServerClient client = new ServerClient(chosen, Optional.of(password));
        awaitReady(client, chosen, logFile, logOffset);
        client.ensureDatabase();
        port = chosen;
        ready = true;
        log.info("Embedded PostgreSQL {} listening on 127.0.0.1:{}; data in {}, log in {}", binaries.version(), chosen, cluster, logFile);
    }

    private void awaitReady(ServerClient client, int chosen, Path logFile, long logOffset)
    {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (true) {
            // exit code 0 means setsid forked; the server itself may still be coming up
            Process started = process.get();
            if (!started.isAlive() && started.exitValue() != 0) {
                throw new EmbeddedPostgresException("PostgreSQL exited with code " + started.exitValue() + " while starting; " + logTail(logFile, logOffset));
            }
            Optional<String> problem = client.probe(cluster);
            if (problem.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new EmbeddedPostgresException("PostgreSQL did not accept connections on 127.0.0.1:" + chosen + " within "
                        + START_TIMEOUT.toSeconds() + " s (" + problem.get() + "); " + logTail(logFile, logOffset));
            }
            Processes.sleep(Duration.ofMillis(100));
        }
    }

    private void onJvmExit()
    {
        if (ready) {
            stop();
        }
        else {
            abort();
        }
    }

    // a server that did not come up is stopped at once, without waiting for its clients
    private void abort()
    {
        if (Files.exists(cluster.resolve("postmaster.pid"))) {
            try {
                Processes.run(account.command(binaries.bin("pg_ctl").toString(), "stop", "-D", cluster.toString(), "-m", "immediate", "-w", "-t", "10"),
                        workingDirectory, Duration.ofSeconds(20), "pg_ctl stop");
            }
            catch (RuntimeException e) {
                log.debug("Could not stop the half-started PostgreSQL in {}", cluster, e);
            }
        }
        Process started = process.get();
        if (started != null) {
            started.descendants().forEach(ProcessHandle::destroyForcibly);
            started.destroyForcibly();
        }
    }

    void removeShutdownHook()
    {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
        catch (IllegalStateException e) {
            // the JVM is shutting down and may be running this very hook
        }
    }

    private Path logFile()
            throws IOException
    {
        Path logDirectory = cluster.resolve("log");
        Files.createDirectories(logDirectory);
        account.own(logDirectory);
        Path logFile = logDirectory.resolve("postgres.log");
        if (!Files.exists(logFile)) {
            Files.createFile(logFile);
            account.own(logFile);
        }
        return logFile;
    }

    private int choosePort(boolean reuseRecorded)
            throws IOException
    {
        // a stable port across restarts is friendlier to anyone who wrote it down
        Path portFile = cluster.resolve(PORT_FILE);
        if (reuseRecorded && Files.isRegularFile(portFile)) {
            try {
                int recorded = Integer.parseInt(Files.readString(portFile).strip());
                if (recorded > 0 && recorded <= 65535 && isFree(recorded)) {
                    return recorded;
                }
            }
            catch (NumberFormatException e) {
                // rewritten below
            }
        }
        int free;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = socket.getLocalPort();
        }
        Files.writeString(portFile, free + "\n");
        account.own(portFile);
        return free;
    }

    private static boolean isFree(int port)
    {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }

    private String socketDirectories(int chosen)
    {
        String directory = cluster.toString();
        // too long a socket path, or one PostgreSQL's list syntax cannot quote: TCP only
        if ((directory + "/.s.PGSQL." + chosen).getBytes(UTF_8).length >= MAX_SOCKET_PATH || directory.contains("\"")) {
            return "";
        }
        return directory.contains(",") || directory.contains(" ") ? "\"" + directory + "\"" : directory;
    }

    // the last lines this start wrote, enough to show PostgreSQL's FATAL line
    private static String logTail(Path logFile, long offset)
    {
        try {
            String lines = Processes.lastLines(logSince(logFile, Math.max(offset, Files.size(logFile) - 8192)));
            return "log " + logFile + (lines.isEmpty() ? " is empty" : " ends: " + lines);
        }
        catch (IOException e) {
            return "see " + logFile;
        }
    }

    private static String logSince(Path logFile, long offset)
            throws IOException
    {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long length = file.length();
            if (offset >= length) {
                return "";
            }
            byte[] bytes = new byte[(int) Math.min(length - offset, 1 << 20)];
            file.seek(offset);
            file.readFully(bytes);
            return new String(bytes, UTF_8);
        }
    }
}
