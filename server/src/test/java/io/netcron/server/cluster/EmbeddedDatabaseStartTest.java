package io.netcron.server.cluster;

import io.netcron.server.testing.MultiJvm;
import io.netcron.server.testing.NodeProcess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static java.nio.file.attribute.PosixFilePermissions.fromString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fresh-machine path: no database configured, so {@code netcron server} starts an embedded
 * PostgreSQL (as an unprivileged account when run as root), migrates it and serves a node; a
 * second command with the same configuration finds that same database.
 */
@MultiJvm
class EmbeddedDatabaseStartTest
{
    @Test
    void serverWithoutDatabaseStartsEmbeddedPostgresAndOtherCommandsFindIt()
            throws Exception
    {
        Path dataDirectory = Files.createTempDirectory("netcron-embedded-test");
        // createTempDirectory makes it 0700: a root JVM runs PostgreSQL as another account, which must get through
        Files.setPosixFilePermissions(dataDirectory, fromString("rwxr-xr-x"));
        try {
            startServerThenFindItsDatabaseFromOtherCommands(dataDirectory);
        }
        finally {
            deleteDataLocations(dataDirectory);
        }
    }

    @Test
    void theNodeThatStartedTheEmbeddedDatabaseStopsWithoutCuttingOffTheOtherAndTheLastOneStopsIt()
            throws Exception
    {
        Path dataDirectory = Files.createTempDirectory("netcron-embedded-shared");
        Files.setPosixFilePermissions(dataDirectory, fromString("rwxr-xr-x"));
        try {
            Map<String, String> first = Map.of("NETCRON_DATA_DIR", dataDirectory.toString());
            try (NodeProcess owner = NodeProcess.startServer("embedded-owner", first);
                    NodeProcess other = startWhenActive(owner, "embedded-other", first)) {
                owner.stop(Duration.ofSeconds(60));

                NodeProcess jobs = NodeProcess.start("embedded-jobs-after", first, "jobs");
                assertThat(jobs.waitFor(Duration.ofSeconds(60))).as("the database outlives its starter; " + jobs.output()).isZero();
                assertThat(other.isAlive()).isTrue();
                assertThat(other.output()).doesNotContain("Heartbeat failed");

                other.stop(Duration.ofSeconds(60));
                await("the last node stopped the database").atMost(Duration.ofSeconds(30)).until(() -> !postmasterRunning(dataDirectory));
            }
        }
        finally {
            deleteDataLocations(dataDirectory);
        }
    }

    @Test
    void aNodeStartsItsEmbeddedDatabaseAgainWhenItDies()
            throws Exception
    {
        Path dataDirectory = Files.createTempDirectory("netcron-embedded-restart");
        Files.setPosixFilePermissions(dataDirectory, fromString("rwxr-xr-x"));
        try {
            Map<String, String> environment = Map.of("NETCRON_DATA_DIR", dataDirectory.toString());
            try (NodeProcess node = NodeProcess.startServer("embedded-watched", environment)) {
                await("node active").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    assertThat(node.isAlive()).as(node.output()).isTrue();
                    return node.output().contains("is active in cluster");
                });
                long killed = postmasterPid(dataDirectory);
                ProcessHandle.of(killed).orElseThrow().destroyForcibly();

                await("PostgreSQL started again by the node").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                        postmasterRunning(dataDirectory) && postmasterPid(dataDirectory) != killed);
                assertThat(node.isAlive()).isTrue();
                NodeProcess nodes = NodeProcess.start("embedded-nodes", environment, "nodes");
                assertThat(nodes.waitFor(Duration.ofSeconds(60))).as(nodes.output()).isZero();
                await("the node's heartbeat back").atMost(Duration.ofSeconds(30)).until(() -> {
                    NodeProcess again = NodeProcess.start("embedded-nodes-again", environment, "nodes");
                    again.waitFor(Duration.ofSeconds(60));
                    return again.output().lines().anyMatch(line -> line.contains("embedded-watched") && line.contains("yes"));
                });
            }
        }
        finally {
            deleteDataLocations(dataDirectory);
        }
    }

    private static long postmasterPid(Path dataDirectory)
            throws IOException
    {
        Path pointer = dataDirectory.resolve("postgres-location");
        Path cluster = (Files.isRegularFile(pointer) ? Path.of(Files.readString(pointer).strip()) : dataDirectory).resolve("postgres");
        return Long.parseLong(Files.readAllLines(cluster.resolve("postmaster.pid")).getFirst().strip());
    }

    private static NodeProcess startWhenActive(NodeProcess owner, String nodeId, Map<String, String> environment)
    {
        await("owner active").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            assertThat(owner.isAlive()).as(owner.output()).isTrue();
            return owner.output().contains("is active in cluster");
        });
        NodeProcess other = NodeProcess.startServer(nodeId, environment);
        await("second node active").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            assertThat(other.isAlive()).as(other.output()).isTrue();
            return other.output().contains("is active in cluster");
        });
        assertThat(other.output()).contains("Attached to the embedded PostgreSQL already running");
        return other;
    }

    private static boolean postmasterRunning(Path dataDirectory)
            throws IOException
    {
        Path pointer = dataDirectory.resolve("postgres-location");
        Path cluster = (Files.isRegularFile(pointer) ? Path.of(Files.readString(pointer).strip()) : dataDirectory).resolve("postgres");
        Path pidFile = cluster.resolve("postmaster.pid");
        return Files.isRegularFile(pidFile) && ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).getFirst().strip())).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void startServerThenFindItsDatabaseFromOtherCommands(Path dataDirectory)
    {
        Map<String, String> environment = Map.of("NETCRON_DATA_DIR", dataDirectory.toString(), "NETCRON_NODE_ID", "embedded-node");
        try (NodeProcess server = NodeProcess.startServer("embedded-node", environment)) {
            await("node active").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                assertThat(server.isAlive()).as(server.output()).isTrue();
                return server.output().contains("is active in cluster");
            });

            NodeProcess jobs = NodeProcess.start("embedded-jobs", environment, "jobs");
            assertThat(jobs.waitFor(Duration.ofSeconds(60))).as(jobs.output()).isZero();
            assertThat(jobs.output()).contains("cluster-check").contains("sleep");

            NodeProcess run = NodeProcess.start("embedded-run", environment, "run", "sleep");
            assertThat(run.waitFor(Duration.ofSeconds(60))).as(run.output()).isZero();

            NodeProcess history = NodeProcess.start("embedded-history", environment, "history", "sleep");
            assertThat(history.waitFor(Duration.ofSeconds(60))).as(history.output()).isZero();
            assertThat(history.output()).contains("manual").contains("succeeded");

            server.stop(Duration.ofSeconds(60));
            assertThat(server.output()).contains("Scheduler stopped")
                    .as("the embedded database outlives the node's drain").doesNotContain("Could not mark node stopped");
        }

        // data kept across restarts: the run recorded above is still there
        NodeProcess history = NodeProcess.start("embedded-history-again", environment, "history", "sleep");
        assertThat(history.waitFor(Duration.ofSeconds(120))).as(history.output()).isZero();
        assertThat(history.output()).contains("manual");
    }

    // the data directory and, should PostgreSQL's account not have reached it, the fallback under /var/tmp;
    // a server left running by a killed node process is stopped first, so nothing outlives the test
    private static void deleteDataLocations(Path dataDirectory)
            throws Exception
    {
        Path pointer = dataDirectory.resolve("postgres-location");
        Optional<Path> fallback = Files.isRegularFile(pointer) ? Optional.of(Path.of(Files.readString(pointer).strip())) : Optional.empty();
        Path pidFile = fallback.orElse(dataDirectory).resolve("postgres/postmaster.pid");
        if (Files.isRegularFile(pidFile)) {
            Optional<ProcessHandle> postmaster = ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).getFirst().strip()));
            if (postmaster.isPresent()) {
                postmaster.get().destroy();
                postmaster.get().onExit().get(60, TimeUnit.SECONDS);
            }
        }
        for (Path root : Stream.concat(Stream.of(dataDirectory), fallback.stream()).toList()) {
            deleteRecursively(root);
        }
    }

    private static void deleteRecursively(Path root)
            throws IOException
    {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(path);
                }
                catch (NoSuchFileException e) {
                    // gone meanwhile
                }
            }
        }
    }
}
