package io.netcron.server.db.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static io.netcron.server.db.embedded.ServerClient.SUPERUSER;
import static java.util.Objects.requireNonNull;

// Makes the cluster ready to start while no server runs on it: created when missing, of the bundled major
// version, owned by PostgreSQL's account, and asking for the password kept in the password file.
final class ClusterSetup
{
    private static final Logger log = LoggerFactory.getLogger(ClusterSetup.class);

    private final ClusterLayout layout;
    private final Binaries binaries;
    private final PostgresAccount account;
    private final boolean forTests;
    private final ClusterAuthentication authentication;

    ClusterSetup(ClusterLayout layout, Binaries binaries, PostgresAccount account, boolean forTests)
    {
        this.layout = requireNonNull(layout, "layout is null");
        this.binaries = requireNonNull(binaries, "binaries is null");
        this.account = requireNonNull(account, "account is null");
        this.forTests = forTests;
        this.authentication = new ClusterAuthentication(binaries, account, forTests);
    }

    // the password the server will ask for
    String prepare()
            throws IOException
    {
        PasswordFile passwordFile = new PasswordFile(layout.passwordFile());
        Optional<String> stored = passwordFile.read();
        // a new password reaches the file only after the cluster has it: a crash in between is repaired by the next start
        String password = stored.orElseGet(PasswordFile::generate);
        if (Files.isRegularFile(layout.cluster().resolve("PG_VERSION"))) {
            checkExisting();
            secureExisting(stored.isPresent(), password, passwordFile);
        }
        else {
            create(password);
        }
        if (stored.isEmpty()) {
            passwordFile.write(password);
        }
        return password;
    }

    private void checkExisting()
            throws IOException
    {
        Path cluster = layout.cluster();
        String clusterMajor = Files.readString(cluster.resolve("PG_VERSION")).strip();
        if (!clusterMajor.equals(binaries.major())) {
            throw new EmbeddedPostgresException("the cluster in " + cluster + " was made by PostgreSQL " + clusterMajor + " but the bundled binaries are "
                    + binaries.version() + "; dump it with PostgreSQL " + clusterMajor + " and restore, or move it away for a new empty one");
        }
        if (!account.owns(cluster)) {
            // e.g. made by a regular-user run, or under another account: PostgreSQL insists on owning its files
            log.info("Giving {} to {}, which runs PostgreSQL", cluster, account);
            account.ownRecursively(cluster);
        }
    }

    private void secureExisting(boolean passwordStored, String password, PasswordFile passwordFile)
            throws IOException
    {
        Path cluster = layout.cluster();
        if (ClusterAuthentication.trustsLocalUsers(cluster)) {
            log.warn("The embedded PostgreSQL cluster in {} let every local user in without a password (made by an older netcron); "
                    + "it now asks for the password of '{}', kept in {}", cluster, SUPERUSER, passwordFile);
        }
        else if (!passwordStored) {
            log.warn("The password file {} of the embedded PostgreSQL cluster in {} is missing or empty; setting a new password for '{}'",
                    passwordFile, cluster, SUPERUSER);
        }
        else {
            return;
        }
        authentication.requirePassword(cluster, layout.base(), password);
    }

    private void create(String password)
            throws IOException
    {
        Path cluster = layout.cluster();
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
        FileSupport.deleteRecursively(staging);
        Files.createDirectory(staging);
        Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwx------"));
        account.own(staging);
        // reject until requirePassword below writes the real rules
        List<String> initdb = account.command(binaries.bin("initdb").toString(),
                "-D", staging.toString(), "-U", SUPERUSER, "--auth=reject", "--encoding=UTF8", "--locale=C", "--no-instructions");
        if (forTests) {
            initdb.add("--no-sync");
        }
        log.info("Creating a PostgreSQL cluster in {}", cluster);
        Processes.run(initdb, layout.base(), Duration.ofMinutes(2), "initdb");
        authentication.requirePassword(staging, layout.base(), password);
        Files.move(staging, cluster, StandardCopyOption.ATOMIC_MOVE);
        if (!forTests) {
            FileSupport.syncDirectory(layout.base());
        }
    }
}
