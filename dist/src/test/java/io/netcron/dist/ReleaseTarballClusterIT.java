package io.netcron.dist;

import io.netcron.server.testing.Ports;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The release as an operator installs it: the tarball unpacked into an empty directory, three
 * nodes started exactly as the systemd unit starts them (its ExecStart, WorkingDirectory and an
 * EnvironmentFile made from etc/netcron.env.example, nothing else in the environment) on one
 * PostgreSQL. They form one cluster, fire a job, and stop on SIGTERM as systemd stops them.
 */
class ReleaseTarballClusterIT
{
    private static final List<String> NODES = List.of("node-1", "node-2", "node-3");
    private static final Path LOGS = Path.of("target", "node-logs");

    @TempDir
    static Path host;

    private static TestDatabase database;

    @BeforeAll
    static void createDatabase()
    {
        database = TestDatabase.create(ReleaseTarballClusterIT.class);
    }

    @AfterAll
    static void dropDatabase()
    {
        database.close();
    }

    @Test
    void threeNodesStartedAsTheSystemdUnitDoesFormOneClusterAndFire()
            throws Exception
    {
        Path home = Tarball.unpack(Repository.tarball(), Files.createDirectories(host.resolve("opt")));
        SystemdUnit unit = SystemdUnit.read(home.resolve("systemd/netcron.service"));
        Duration stopTimeout = Duration.ofSeconds(Long.parseLong(unit.required("TimeoutStopSec")));

        List<Node> nodes = new ArrayList<>();
        try {
            for (String nodeId : NODES) {
                nodes.add(Node.start(home, unit, nodeId));
            }
            await("three active nodes").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
                nodes.forEach(Node::assertAlive);
                return activeNodes() == NODES.size();
            });

            assertThat(nodes.getFirst().run(home, "health")).as("netcron health on node-1").isZero();

            Sql.execute(database, """
                    INSERT INTO netcron.job (name, implementation, schedule, params)
                    VALUES ('tarball-smoke', 'sleep', '* * * * * ?', '{"duration_ms": 10}'::jsonb)""");
            await("runs of tarball-smoke").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> {
                nodes.forEach(Node::assertAlive);
                return Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE job_name = 'tarball-smoke' AND status = 'succeeded'") >= 3;
            });
            assertThat(Sql.rows(database, "SELECT DISTINCT node_id FROM netcron.job_run WHERE job_name = 'tarball-smoke'"))
                    .extracting(row -> row.get("node_id"))
                    .isSubsetOf(NODES.toArray());

            for (Node node : nodes) {
                assertThat(node.stop(stopTimeout)).as("%s exit status after SIGTERM; log:%n%s", node.id(), node.log())
                        .isIn(0, 143);
                assertThat(Sql.value(database, "SELECT state FROM netcron.node WHERE node_id = ?", node.id())).isEqualTo("stopped");
            }
        }
        finally {
            nodes.forEach(Node::kill);
        }
    }

    private static long activeNodes()
    {
        try {
            return Sql.count(database, "SELECT count(*) FROM netcron.node WHERE state = 'active' AND node_id IN ('node-1', 'node-2', 'node-3')");
        }
        catch (IllegalStateException e) {
            return 0; // schema not there yet
        }
    }

    /** One "host": its /etc/netcron and /var/lib/netcron, and the node process systemd would run. */
    private record Node(String id, Process process, Path logFile, Map<String, String> environment, Path workingDirectory)
    {
        static Node start(Path home, SystemdUnit unit, String nodeId)
                throws IOException
        {
            Path root = Files.createDirectories(host.resolve(nodeId));
            Path etc = Files.createDirectories(root.resolve("etc/netcron"));
            Path state = Files.createDirectories(root.resolve("var/lib/netcron")); // StateDirectory=netcron
            Path environmentFile = Path.of(map(unit.required("EnvironmentFile"), home, etc, state));
            Files.writeString(environmentFile, environmentFile(home, etc, nodeId));
            Files.setPosixFilePermissions(environmentFile, PosixFilePermissions.fromString("rw-------"));

            List<String> command = unit.execStart().stream().map(word -> map(word, home, etc, state)).toList();
            Path workingDirectory = Path.of(map(unit.required("WorkingDirectory"), home, etc, state));
            Map<String, String> environment = SystemdUnit.environmentFile(environmentFile);
            Files.createDirectories(LOGS);
            Path log = LOGS.resolve("tarball-" + nodeId + "-" + System.nanoTime() + ".log");
            Process process = systemdStyle(command, environment, workingDirectory).redirectOutput(log.toFile()).start();
            return new Node(nodeId, process, log, environment, workingDirectory);
        }

        /** The example environment file with this host's values, as an operator edits it. */
        private static String environmentFile(Path home, Path etc, String nodeId)
                throws IOException
        {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("NETCRON_DB_URL", database.plainUrl());
            values.put("NETCRON_DB_USER", database.user());
            values.put("NETCRON_NODE_ID", nodeId);
            values.put("NETCRON_HTTP_PORT", Integer.toString(Ports.free()));
            values.put("NETCRON_HTTP_BIND_ADDRESS", "127.0.0.1");
            values.put("NETCRON_JAVA_OPTS", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto");
            if (database.password().isPresent()) {
                Path passwordFile = etc.resolve("db-password");
                Files.writeString(passwordFile, database.password().get() + "\n");
                values.put("NETCRON_DB_PASSWORD_FILE", passwordFile.toString());
            }
            StringBuilder text = new StringBuilder();
            for (String line : Files.readAllLines(home.resolve("etc/netcron.env.example"))) {
                int equals = line.indexOf('=');
                String key = line.startsWith("#") || equals < 0 ? null : line.substring(0, equals);
                if (key != null && key.equals("NETCRON_DB_PASSWORD_FILE") && !values.containsKey(key)) {
                    continue; // a database without password
                }
                text.append(key != null && values.containsKey(key) ? key + "=" + values.remove(key) : line).append('\n');
            }
            values.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
            // the JDK of this test: /usr/bin/java may be an older one
            text.append("JAVA_HOME=").append(System.getProperty("java.home")).append('\n');
            return text.toString();
        }

        private static String map(String path, Path home, Path etc, Path state)
        {
            return path.replace("/opt/netcron", home.toString()).replace("/etc/netcron", etc.toString()).replace("/var/lib/netcron", state.toString());
        }

        /** systemd gives a service only its EnvironmentFile and a minimal PATH. */
        private static ProcessBuilder systemdStyle(List<String> command, Map<String, String> environment, Path workingDirectory)
        {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().clear();
            builder.environment().put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
            builder.environment().putAll(environment);
            return builder;
        }

        int run(Path home, String... arguments)
                throws IOException, InterruptedException
        {
            List<String> command = new ArrayList<>(List.of(home.resolve("bin/netcron").toString()));
            command.addAll(List.of(arguments));
            Process check = systemdStyle(command, environment, workingDirectory).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return check.exitValue();
        }

        void assertAlive()
        {
            if (!process.isAlive()) {
                throw new AssertionError(id + " exited with " + process.exitValue() + "; log:\n" + log());
            }
        }

        int stop(Duration timeout)
                throws InterruptedException
        {
            process.destroy(); // SIGTERM: the launcher exec'd the JVM, so it is the JVM's
            assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)).as("%s stopped within TimeoutStopSec", id).isTrue();
            return process.exitValue();
        }

        void kill()
        {
            if (process.isAlive()) {
                process.destroyForcibly();
                try {
                    process.waitFor(30, TimeUnit.SECONDS);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        String log()
        {
            try {
                return Files.readString(logFile);
            }
            catch (IOException e) {
                return "(no log: " + e.getMessage() + ")";
            }
        }
    }
}
