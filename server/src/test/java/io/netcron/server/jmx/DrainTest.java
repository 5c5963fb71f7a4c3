package io.netcron.server.jmx;

import io.netcron.server.testing.Cluster;
import io.netcron.server.testing.MultiJvm;
import io.netcron.server.testing.NodeProcess;
import io.netcron.server.testing.Ports;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.management.JMX;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Drain, by JMX and by SIGTERM: the node stops acquiring, waits for running jobs up to
 * {@code node.shutdown-grace} (2 s here), then interrupts them, and the interrupted runs are
 * recorded as such. After a JMX drain the node stays up in standby until resume().
 */
@MultiJvm
class DrainTest
{
    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path directory;

    @Test
    void jmxDrainInterruptsRunsAfterTheGraceKeepsTheNodeInStandbyAndResumeRestartsFiring()
            throws Exception
    {
        try (TestDatabase database = TestDatabase.create(DrainTest.class)) {
            int jmxPort = Ports.free();
            int httpPort = Ports.free();
            Path passwordFile = directory.resolve("jmxremote.password");
            Files.writeString(passwordFile, "operator drain-secret\n");
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
            Path accessFile = directory.resolve("jmxremote.access");
            Files.writeString(accessFile, "operator readwrite\n");
            try (Cluster cluster = new Cluster(database, Map.of(
                    "NETCRON_JMX_PORT", Integer.toString(jmxPort),
                    "NETCRON_JMX_PASSWORD_FILE", passwordFile.toString(),
                    "NETCRON_JMX_ACCESS_FILE", accessFile.toString(),
                    "NETCRON_HTTP_PORT", Integer.toString(httpPort),
                    "NETCRON_NODE_SHUTDOWN_GRACE", "2s",
                    "NETCRON_QUARTZ_RECONCILE_INTERVAL", "1s"))) {
                NodeProcess process = cluster.start("drain-node");
                cluster.awaitActive(Duration.ofSeconds(90), process);
                Sql.execute(database, """
                        INSERT INTO netcron.job (name, implementation, schedule, params, concurrency) VALUES
                            ('drain-long', 'sleep', '* * * * * ?', '{"duration_ms": 600000}', 'forbid'),
                            ('drain-tick', 'sleep', '* * * * * ?', '{"duration_ms": 5}', 'allow')""");
                await("a long run going").atMost(Duration.ofSeconds(30)).until(() ->
                        Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE job_name = 'drain-long' AND status = 'running'") == 1);
                long longRun = (Long) Sql.value(database, "SELECT id FROM netcron.job_run WHERE job_name = 'drain-long' AND status = 'running'");

                try (JMXConnector connector = JMXConnectorFactory.connect(
                        new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"),
                        Map.of(JMXConnector.CREDENTIALS, new String[] {"operator", "drain-secret"}))) {
                    NodeMXBean node = JMX.newMXBeanProxy(connector.getMBeanServerConnection(), new ObjectName("io.netcron:type=Node"), NodeMXBean.class);

                    long before = System.nanoTime();
                    String answer = node.drain();
                    Duration took = Duration.ofNanos(System.nanoTime() - before);
                    Object drainedAt = Sql.value(database, "SELECT now()");

                    assertThat(answer).contains("standby");
                    assertThat(took).as("drain waits for the grace period, then interrupts").isBetween(GRACE, GRACE.plusSeconds(15));
                    Map<String, Object> run = Sql.rows(database, "SELECT status, error, finished_at FROM netcron.job_run WHERE id = ?", longRun).getFirst();
                    assertThat(run.get("status")).isEqualTo("failed");
                    assertThat((String) run.get("error")).startsWith("interrupted");
                    assertThat(run.get("finished_at")).isNotNull();
                    assertThat(Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE node_id = 'drain-node' AND status = 'running'")).isZero();

                    assertThat(node.getState()).isEqualTo("standby");
                    assertThat(node.isStandby()).isTrue();
                    assertThat(Sql.value(database, "SELECT state FROM netcron.node WHERE node_id = 'drain-node'")).isEqualTo("standby");
                    HttpResponse<String> ready = get(httpPort, "/health/ready");
                    assertThat(ready.statusCode()).isEqualTo(503);
                    assertThat(ready.body()).contains("standby");
                    assertThat(get(httpPort, "/health/live").statusCode()).isEqualTo(200);
                    // standby means no new runs: wall-clock time passing is the subject here
                    await("no runs while in standby").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() ->
                            Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE started_at > ?", drainedAt) == 0);
                    assertThat(process.isAlive()).isTrue();

                    assertThat(node.resume()).contains("active");
                    Object resumedAt = Sql.value(database, "SELECT now()");
                    assertThat(node.getState()).isEqualTo("active");
                    assertThat(Sql.value(database, "SELECT state FROM netcron.node WHERE node_id = 'drain-node'")).isEqualTo("active");
                    assertThat(get(httpPort, "/health/ready").statusCode()).isEqualTo(200);
                    await("firing again after resume").atMost(Duration.ofSeconds(15)).until(() ->
                            Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE job_name = 'drain-tick' AND started_at > ? AND status = 'succeeded'", resumedAt) >= 2);
                }
                // console lines written during a run carry the job, run id and node
                assertThat(process.output()).contains("[job=drain-long run=" + longRun + " node=drain-node] - Run started: job=drain-long run=" + longRun);
                assertThat(process.output()).containsPattern("Run finished: job=drain-long run=" + longRun + " node=drain-node status=failed duration_ms=\\d+ error=interrupted");
            }
        }
    }

    @Test
    void sigtermDrainsRecordsInterruptedRunsAndMarksTheNodeStopped()
            throws Exception
    {
        try (TestDatabase database = TestDatabase.create(DrainTest.class);
                Cluster cluster = new Cluster(database, Map.of(
                        "NETCRON_NODE_SHUTDOWN_GRACE", "2s",
                        "NETCRON_QUARTZ_RECONCILE_INTERVAL", "1s"))) {
            NodeProcess process = cluster.start("term-node");
            cluster.awaitActive(Duration.ofSeconds(90), process);
            Sql.execute(database, "INSERT INTO netcron.job (name, implementation, schedule, params, concurrency) VALUES ('term-long', 'sleep', '* * * * * ?', '{\"duration_ms\": 600000}', 'forbid')");
            await("a long run going").atMost(Duration.ofSeconds(30)).until(() ->
                    Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE job_name = 'term-long' AND status = 'running'") == 1);

            long before = System.nanoTime();
            process.stop(Duration.ofSeconds(60));
            Duration took = Duration.ofNanos(System.nanoTime() - before);

            assertThat(took).as("SIGTERM waits for the grace period, then interrupts").isBetween(GRACE, GRACE.plusSeconds(20));
            Map<String, Object> run = Sql.rows(database, "SELECT status, error FROM netcron.job_run WHERE job_name = 'term-long' ORDER BY id LIMIT 1").getFirst();
            assertThat(run.get("status")).isEqualTo("failed");
            assertThat((String) run.get("error")).startsWith("interrupted");
            assertThat(Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE node_id = 'term-node' AND status = 'running'")).isZero();
            assertThat(Sql.value(database, "SELECT state FROM netcron.node WHERE node_id = 'term-node'")).isEqualTo("stopped");
        }
    }

    private static HttpResponse<String> get(int port, String path)
            throws Exception
    {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
