package io.netcron.server.db.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.util.Objects.requireNonNull;

// Where the files of netcron's data directory live. The cluster and the binaries sit in `base`: the data
// directory itself, or a directory under /var/tmp when PostgreSQL's account cannot reach the data directory
// (e.g. /root/.netcron). A pointer file in the data directory then names that place, so the next start finds it.
// The password file always stays in the data directory, where only the JVM's user reads it.
record ClusterLayout(Path dataDirectory, Path base, Path cluster, boolean fallback)
{
    private static final Logger log = LoggerFactory.getLogger(ClusterLayout.class);

    private static final String CLUSTER_DIRECTORY = "postgres";
    private static final String POINTER_FILE = "postgres-location";
    private static final String PASSWORD_FILE = "postgres-password";
    private static final Path FALLBACK_PARENT = Path.of("/var/tmp");

    ClusterLayout
    {
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(base, "base is null");
        requireNonNull(cluster, "cluster is null");
    }

    Path passwordFile()
    {
        return dataDirectory.resolve(PASSWORD_FILE);
    }

    // a pointer file, written when the data directory was not usable, wins; else the data directory itself
    static ClusterLayout existing(Path dataDirectory)
            throws IOException
    {
        Path pointer = dataDirectory.resolve(POINTER_FILE);
        if (Files.isRegularFile(pointer)) {
            Path base = Path.of(Files.readString(pointer).strip());
            if (!base.isAbsolute()) {
                throw new EmbeddedPostgresException(pointer + " must hold an absolute path; fix or delete it");
            }
            return new ClusterLayout(dataDirectory, base, base.resolve(CLUSTER_DIRECTORY), true);
        }
        return new ClusterLayout(dataDirectory, dataDirectory, dataDirectory.resolve(CLUSTER_DIRECTORY), false);
    }

    static ClusterLayout prepare(Path dataDirectory, PostgresAccount account)
            throws IOException
    {
        ClusterLayout layout = existing(dataDirectory);
        if (layout.fallback()) {
            prepareFallback(layout.base(), account, true);
        }
        else if (!account.canTraverse(dataDirectory)) {
            // e.g. /root/.netcron: PostgreSQL runs as another account and could not reach its files
            Path base = FALLBACK_PARENT.resolve("netcron-pg-" + sha256(dataDirectory.toString()).substring(0, 16));
            prepareFallback(base, account, false);
            FileSupport.writeAtomically(dataDirectory.resolve(POINTER_FILE), base + "\n", PosixFilePermissions.fromString("rw-r--r--"));
            layout = new ClusterLayout(dataDirectory, base, base.resolve(CLUSTER_DIRECTORY), true);
        }
        if (layout.fallback()) {
            log.warn("Embedded PostgreSQL data lives in {}, not in {} ({} points there) because {} cannot traverse {}. "
                            + "The OS may clean {} over time: choose a data directory that account can reach, e.g. under /var/lib, to keep the data there",
                    layout.cluster(), dataDirectory, dataDirectory.resolve(POINTER_FILE), account, dataDirectory, FALLBACK_PARENT);
        }
        return layout;
    }

    private static void prepareFallback(Path base, PostgresAccount account, boolean fromPointer)
            throws IOException
    {
        if (!Files.exists(base, NOFOLLOW_LINKS)) {
            if (fromPointer) {
                log.warn("The embedded PostgreSQL location {} is gone (removed by a temp-file cleaner or a reboot?); creating a new, empty cluster there", base);
            }
            account.createDirectories(base);
        }
        // /var/tmp is world-writable: never use a directory somebody else could have planted
        if (!FileSupport.isPrivatelyOwnedDirectory(base)) {
            throw new EmbeddedPostgresException("refusing to use " + base + ": it must be a directory owned by uid " + PostgresAccount.currentUid()
                    + " and writable by nobody else; remove it and start again");
        }
        if (!account.canTraverse(base)) {
            throw new EmbeddedPostgresException(account + " cannot traverse " + base
                    + "; make its parent directories traversable (chmod o+x) or choose another data directory");
        }
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
}
