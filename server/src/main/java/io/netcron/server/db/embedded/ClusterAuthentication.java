package io.netcron.server.db.embedded;

import org.postgresql.util.PasswordUtil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.netcron.server.db.embedded.ServerClient.SUPERUSER;
import static java.util.Objects.requireNonNull;

// Who may connect: clients on 127.0.0.1 that know the password of 'netcron' (scram-sha-256), and nobody else.
// Clusters made by older netcron versions trusted every local user instead.
final class ClusterAuthentication
{
    private static final String HBA = """
            # Written by netcron. The server listens on 127.0.0.1 only and asks for the password of 'netcron',
            # kept in netcron's data directory (postgres-password). There is no 'local' line: the Unix socket admits
            # nobody, and pg_ctl needs no connection (it signals the server and watches postmaster.pid).
            host    all   all   127.0.0.1/32   scram-sha-256
            """;

    private final Binaries binaries;
    private final PostgresAccount account;
    private final boolean forTests;

    ClusterAuthentication(Binaries binaries, PostgresAccount account, boolean forTests)
    {
        this.binaries = requireNonNull(binaries, "binaries is null");
        this.account = requireNonNull(account, "account is null");
        this.forTests = forTests;
    }

    static boolean trustsLocalUsers(Path cluster)
            throws IOException
    {
        for (String line : Files.readAllLines(cluster.resolve("pg_hba.conf"))) {
            String rule = line.replaceFirst("#.*", "").strip();
            if (!rule.isEmpty() && List.of(rule.split("\\s+")).contains("trust")) {
                return true;
            }
        }
        return false;
    }

    // only while no server runs on the cluster: single-user mode takes the cluster's lock
    void requirePassword(Path cluster, Path workingDirectory, String password)
            throws IOException
    {
        setPassword(cluster, workingDirectory, password);
        Path hba = cluster.resolve("pg_hba.conf");
        FileSupport.writeAtomically(hba, HBA, PosixFilePermissions.fromString("rw-------"));
        account.own(hba);
    }

    private void setPassword(Path cluster, Path workingDirectory, String password)
    {
        // PostgreSQL gets the SCRAM verifier only: the password is in no command line, log or catalog
        String verifier = PasswordUtil.encodeScramSha256(password.toCharArray());
        List<String> command = account.command(binaries.bin("postgres").toString(), "--single", "-D", cluster.toString(),
                // an error ends the run with a non-zero exit code, and its statement is not echoed into the output
                "-c", "exit_on_error=on", "-c", "log_min_error_statement=panic");
        if (forTests) {
            command.add("-F");
        }
        command.add("postgres");
        Processes.run(command, workingDirectory, Optional.of("ALTER ROLE " + SUPERUSER + " PASSWORD '" + verifier + "';\n"),
                Duration.ofMinutes(2), "setting the password of '" + SUPERUSER + "' (postgres --single)");
    }
}
