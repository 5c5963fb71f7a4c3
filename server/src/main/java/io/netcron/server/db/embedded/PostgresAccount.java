package io.netcron.server.db.embedded;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.util.Objects.requireNonNull;

// The OS account that runs PostgreSQL: the JVM's own user, or an unprivileged account when the JVM runs as
// root, which PostgreSQL refuses. Then its programs run through setpriv (or runuser) and get its files.
final class PostgresAccount
{
    static final String OS_USER_PROPERTY = "netcron.postgres.os-user";
    static final String OS_USER_ENVIRONMENT = "NETCRON_POSTGRES_OS_USER";
    private static final Set<PosixFilePermission> TRAVERSABLE = PosixFilePermissions.fromString("rwxr-xr-x");

    private record Separate(String name, int uid, int gid, List<String> commandPrefix) {}

    private final Optional<Separate> separate;

    private PostgresAccount(Optional<Separate> separate)
    {
        this.separate = requireNonNull(separate, "separate is null");
    }

    static PostgresAccount forThisJvm()
    {
        if (currentUid() != 0) {
            return new PostgresAccount(Optional.empty());
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
            ids = lookUp(name).orElseThrow(() -> new EmbeddedPostgresException("OS account '" + name + "' (from -D" + OS_USER_PROPERTY
                    + " or " + OS_USER_ENVIRONMENT + ") does not exist; create it or name another unprivileged account"));
        }
        else {
            Optional<int[]> postgres = lookUp("postgres");
            name = postgres.isPresent() ? "postgres" : "nobody";
            ids = postgres.or(() -> lookUp("nobody")).orElseThrow(() -> new EmbeddedPostgresException(
                    "running as root needs an unprivileged OS account for PostgreSQL, but neither 'postgres' nor 'nobody' exists; "
                            + "create one or set -D" + OS_USER_PROPERTY));
        }
        if (ids[0] == 0) {
            throw new EmbeddedPostgresException("OS account '" + name + "' has uid 0 and PostgreSQL refuses to run as root; name an unprivileged account with -D" + OS_USER_PROPERTY);
        }
        List<String> prefix;
        Optional<Path> setpriv = Processes.findExecutable("setpriv");
        Optional<Path> runuser = Processes.findExecutable("runuser");
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
        return new PostgresAccount(Optional.of(new Separate(name, ids[0], ids[1], prefix)));
    }

    // true when PostgreSQL runs under another account than the JVM
    boolean isSeparate()
    {
        return separate.isPresent();
    }

    String name()
    {
        return separate.map(Separate::name).orElseGet(() -> System.getProperty("user.name", "uid " + currentUid()));
    }

    // a mutable command line that runs the program as this account
    List<String> command(String... arguments)
    {
        List<String> command = new ArrayList<>(separate.map(Separate::commandPrefix).orElse(List.of()));
        command.addAll(List.of(arguments));
        return command;
    }

    void own(Path path)
            throws IOException
    {
        if (separate.isPresent()) {
            Files.setAttribute(path, "unix:uid", separate.get().uid(), NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", separate.get().gid(), NOFOLLOW_LINKS);
        }
    }

    void ownRecursively(Path root)
            throws IOException
    {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                own(path);
            }
        }
    }

    boolean owns(Path path)
            throws IOException
    {
        return separate.isEmpty() || (int) Files.getAttribute(path, "unix:uid") == separate.get().uid();
    }

    // what the kernel checks for the search (x) bit, for an account whose supplementary groups are cleared
    boolean canTraverse(Path path)
            throws IOException
    {
        if (separate.isEmpty()) {
            return true;
        }
        for (Path current = path.toRealPath(); current != null; current = current.getParent()) {
            int mode = (int) Files.getAttribute(current, "unix:mode");
            int owner = (int) Files.getAttribute(current, "unix:uid");
            int group = (int) Files.getAttribute(current, "unix:gid");
            int searchBit = owner == separate.get().uid() ? 0100 : group == separate.get().gid() ? 0010 : 0001;
            if ((mode & searchBit) == 0) {
                return false;
            }
        }
        return true;
    }

    Path createDirectories(Path directory)
            throws IOException
    {
        if (Files.isDirectory(directory)) {
            return directory;
        }
        if (directory.getParent() != null) {
            createDirectories(directory.getParent());
        }
        try {
            Files.createDirectory(directory);
            if (separate.isPresent()) {
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

    static int currentUid()
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

    @Override
    public String toString()
    {
        return "OS account '" + name() + "'";
    }

    // uid and gid of an account
    private static Optional<int[]> lookUp(String name)
    {
        // getent sees every NSS source (LDAP, sssd); /etc/passwd is the fallback when it is missing
        List<String> lines = new ArrayList<>();
        Optional<Path> getent = Processes.findExecutable("getent");
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
}
