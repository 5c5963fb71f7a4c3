package io.netcron.server.jmx;

import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.CloseAfterAll;
import io.netcron.server.testing.Cluster;
import io.netcron.server.testing.MultiJvm;
import io.netcron.server.testing.NodeProcess;
import io.netcron.server.testing.Ports;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A console's view of a real node process through the remote JMX connector (password and access
 * files, as in deploy/jmx/): read a job's attributes, run it now, pause it, change its schedule,
 * and see each effect in the database exactly as an operator's SQL would leave it.
 */
@MultiJvm
class JmxConsoleTest
{
    private static final String OPERATOR_PASSWORD = "op-" + Long.toHexString(System.nanoTime());
    private static final String VIEWER_PASSWORD = "view-" + Long.toHexString(System.nanoTime());

    @TempDir
    static Path directory;

    @ClassDatabase
    private static TestDatabase database;
    @CloseAfterAll
    private static Cluster cluster;
    private static NodeProcess node;
    private static int port;
    @CloseAfterAll
    private static JMXConnector connector;
    private static MBeanServerConnection console;

    @BeforeAll
    static void startNodeAndConnect()
            throws Exception
    {
        Path passwordFile = directory.resolve("jmxremote.password");
        Files.writeString(passwordFile, "operator " + OPERATOR_PASSWORD + "\nviewer " + VIEWER_PASSWORD + "\n");
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        Path accessFile = directory.resolve("jmxremote.access");
        Files.writeString(accessFile, "operator readwrite\nviewer readonly\n");
        port = Ports.free();
        cluster = new Cluster(database, Map.of(
                "NETCRON_JMX_PORT", Integer.toString(port),
                "NETCRON_JMX_PASSWORD_FILE", passwordFile.toString(),
                "NETCRON_JMX_ACCESS_FILE", accessFile.toString(),
                "NETCRON_QUARTZ_RECONCILE_INTERVAL", "1s"));
        node = cluster.start("jmx-node");
        cluster.awaitActive(Duration.ofSeconds(90), node);
        Sql.execute(database, """
                INSERT INTO netcron.job (name, implementation, schedule, time_zone, params, concurrency) VALUES
                    ('jmx-tick', 'sleep', '* * * * * ?', 'Europe/Berlin', '{"duration_ms": 5}', 'allow'),
                    ('jmx-pause', 'sleep', '*/2 * * * * ?', 'UTC', '{"duration_ms": 5}', 'allow'),
                    ('jmx-schedule', 'sleep', '0 3 * * *', 'UTC', '{}', 'allow'),
                    ('jmx-manual', 'sleep', NULL, 'UTC', '{"duration_ms": 5}', 'allow')""");
        connector = connect("operator", OPERATOR_PASSWORD);
        console = connector.getMBeanServerConnection();
    }

    @Test
    void quartzSchedulerMBeanIsNotExportedByDefault()
            throws Exception
    {
        // its clear() and deleteJob bypass netcron.job and its audit
        assertThat(console.queryNames(new ObjectName("quartz:type=QuartzScheduler,*"), null)).isEmpty();
        assertThat(console.queryNames(new ObjectName("io.netcron:type=Node"), null)).hasSize(1);
    }

    @Test
    void jobAttributesShowTheRowAndItsRunsClusterWide()
            throws Exception
    {
        ObjectName name = awaitJobBean("jmx-tick");
        assertThat(console.getAttribute(name, "Schedule")).isEqualTo("* * * * * ?");
        assertThat(console.getAttribute(name, "TimeZone")).isEqualTo("Europe/Berlin");
        assertThat(console.getAttribute(name, "Enabled")).isEqualTo(true);
        assertThat(console.getAttribute(name, "Implementation")).isEqualTo("sleep");
        assertThat(console.getAttribute(name, "ScheduleError")).isNull();

        // several runs later, the counts and last-run attributes agree with job_run (refreshed every 2 s)
        await("runs counted").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat((Long) console.getAttribute(name, "SuccessCount")).isGreaterThanOrEqualTo(3));
        JobMXBean job = JMX.newMXBeanProxy(console, name, JobMXBean.class);
        assertThat(job.getLastStatus()).isEqualTo("succeeded");
        assertThat(job.getLastDurationMillis()).isNotNull().isBetween(0L, 5_000L);
        assertThat(job.getLastRunTime()).isNotNull();
        assertThat(job.getNextFireTime()).isNotNull();
        assertThat(job.getFailureCount()).isZero();
        assertThat(job.getRunCounts()).containsKey("succeeded");
        long succeededRows = Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE job_name = 'jmx-tick' AND status = 'succeeded'");
        assertThat(job.getSuccessCount()).as("cluster-wide count vs. job_run rows").isBetween(succeededRows - 5, succeededRows);
    }

    @Test
    void runNowQueuesARequestNamingTheJmxUser()
            throws Exception
    {
        JobMXBean job = JMX.newMXBeanProxy(console, awaitJobBean("jmx-manual"), JobMXBean.class);
        long requestId = job.runNow();
        Map<String, Object> request = Sql.rows(database, "SELECT job_name, requested_by, handled_at FROM netcron.job_request WHERE id = ?", requestId).getFirst();
        assertThat(request.get("job_name")).isEqualTo("jmx-manual");
        assertThat(request.get("requested_by")).isEqualTo("jmx:operator@jmx-node");
    }

    @Test
    void runNowRunsTheJobOnTheCluster()
            throws Exception
    {
        JobMXBean job = JMX.newMXBeanProxy(console, awaitJobBean("jmx-manual"), JobMXBean.class);
        long requestId = job.runNow();
        await("manual run recorded").atMost(Duration.ofSeconds(30)).until(() ->
                Sql.count(database, "SELECT count(*) FROM netcron.job_run r JOIN netcron.job_request q ON q.run_id = r.id "
                        + "WHERE q.id = ? AND r.cause = 'manual' AND r.status = 'succeeded'", requestId) == 1);
    }

    @Test
    void pauseAndResumeChangeTheRowForEveryNodeAndAreAudited()
            throws Exception
    {
        JobMXBean job = JMX.newMXBeanProxy(console, awaitJobBean("jmx-pause"), JobMXBean.class);
        job.pause();

        assertThat(Sql.value(database, "SELECT enabled FROM netcron.job WHERE name = 'jmx-pause'")).isEqualTo(false);
        assertThat(job.isEnabled()).isFalse();
        Map<String, Object> audit = Sql.rows(database, """
                SELECT application_name, operation, new_row->>'enabled' AS enabled FROM netcron.job_change
                WHERE job_name = 'jmx-pause' ORDER BY id DESC LIMIT 1""").getFirst();
        assertThat(audit.get("application_name")).isEqualTo("netcron-jmx operator@jmx-node");
        assertThat(audit.get("operation")).isEqualTo("UPDATE");
        assertThat(audit.get("enabled")).isEqualTo("false");
        // the node applies the row: a paused job has no next fire time
        await("pause applied").atMost(Duration.ofSeconds(15)).until(() ->
                Sql.value(database, "SELECT next_fire_at FROM netcron.job WHERE name = 'jmx-pause'") == null);

        job.resume();
        assertThat(Sql.value(database, "SELECT enabled FROM netcron.job WHERE name = 'jmx-pause'")).isEqualTo(true);
        await("resume applied").atMost(Duration.ofSeconds(15)).until(() ->
                Sql.value(database, "SELECT next_fire_at FROM netcron.job WHERE name = 'jmx-pause'") != null);
    }

    @Test
    void setScheduleRefusesABadCronWithTheReasonAndStoresAGoodOne()
            throws Exception
    {
        JobMXBean job = JMX.newMXBeanProxy(console, awaitJobBean("jmx-schedule"), JobMXBean.class);
        assertThatThrownBy(() -> job.setSchedule("every tuesday"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 5");
        assertThat(Sql.value(database, "SELECT schedule FROM netcron.job WHERE name = 'jmx-schedule'")).isEqualTo("0 3 * * *");

        job.setSchedule("30 4 * * *");
        assertThat(Sql.value(database, "SELECT schedule FROM netcron.job WHERE name = 'jmx-schedule'")).isEqualTo("30 4 * * *");
        assertThat(job.getSchedule()).isEqualTo("30 4 * * *");
        await("new schedule applied").atMost(Duration.ofSeconds(15)).until(() -> "04:30".equals(
                Sql.value(database, "SELECT to_char(next_fire_at AT TIME ZONE 'UTC', 'HH24:MI') FROM netcron.job WHERE name = 'jmx-schedule'")));
    }

    @Test
    void jobMBeansAppearAndDisappearWithTheirRows()
            throws Exception
    {
        ObjectName name = new ObjectName("io.netcron:type=Job,name=" + ObjectName.quote("jmx-new:one"));
        assertThat(console.isRegistered(name)).isFalse();
        Sql.execute(database, "INSERT INTO netcron.job (name, implementation) VALUES ('jmx-new:one', 'sleep')");
        await("MBean registered").atMost(Duration.ofSeconds(15)).until(() -> console.isRegistered(name));
        assertThat(console.getAttribute(name, "Name")).isEqualTo("jmx-new:one");
        Sql.execute(database, "DELETE FROM netcron.job WHERE name = 'jmx-new:one'");
        await("MBean unregistered").atMost(Duration.ofSeconds(15)).until(() -> !console.isRegistered(name));
    }

    @Test
    void nodeAndClusterMBeansDescribeTheNode()
            throws Exception
    {
        NodeMXBean node = JMX.newMXBeanProxy(console, new ObjectName("io.netcron:type=Node"), NodeMXBean.class);
        assertThat(node.getNodeId()).isEqualTo("jmx-node");
        assertThat(node.getState()).isEqualTo("active");
        assertThat(node.isStandby()).isFalse();
        assertThat(node.getThreadsTotal()).isEqualTo(8);
        assertThat(node.getThreadsBusy()).isBetween(0, 8);
        assertThat(node.getStartedAt()).isNotNull().isBefore(new Date(System.currentTimeMillis() + 1));
        assertThat(node.getJobsDiscovered()).contains("sleep", "cluster-check");
        await("clock offset measured").atMost(Duration.ofSeconds(15)).until(() -> node.getClockOffsetMillis() != null);

        CompositeData[] nodes = (CompositeData[]) console.getAttribute(new ObjectName("io.netcron:type=Cluster"), "Nodes");
        CompositeData self = Arrays.stream(nodes).filter(entry -> "jmx-node".equals(entry.get("nodeId"))).findFirst().orElseThrow();
        assertThat(self.get("alive")).isEqualTo(true);
        assertThat(self.get("state")).isEqualTo("active");
        assertThat(((Date) self.get("lastSeen")).toInstant()).isAfter(Instant.now().minusSeconds(60));
        assertThat((String[]) console.getAttribute(new ObjectName("io.netcron:type=Cluster"), "AliveNodes")).contains("jmx-node");
    }

    @Test
    void wrongPasswordIsRefused()
    {
        assertThatThrownBy(() -> connect("operator", "not-the-password")).isInstanceOf(SecurityException.class);
        assertThatThrownBy(() -> connect(null, null)).isInstanceOf(SecurityException.class);
    }

    @Test
    void readOnlyUserSeesAttributesButCannotInvokeOperations()
            throws Exception
    {
        try (JMXConnector viewer = connect("viewer", VIEWER_PASSWORD)) {
            MBeanServerConnection connection = viewer.getMBeanServerConnection();
            ObjectName name = awaitJobBean("jmx-tick");
            assertThat(connection.getAttribute(name, "Enabled")).isEqualTo(true);
            assertThatThrownBy(() -> connection.invoke(name, "pause", new Object[0], new String[0])).isInstanceOf(SecurityException.class);
        }
        assertThat(Sql.value(database, "SELECT enabled FROM netcron.job WHERE name = 'jmx-tick'")).isEqualTo(true);
    }

    private static ObjectName awaitJobBean(String job)
            throws Exception
    {
        ObjectName name = new ObjectName("io.netcron:type=Job,name=" + job);
        await("MBean of " + job).atMost(Duration.ofSeconds(15)).until(() -> console.isRegistered(name));
        return name;
    }

    private static JMXConnector connect(String user, String password)
            throws IOException
    {
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
        return JMXConnectorFactory.connect(url, user == null ? Map.of() : Map.of(JMXConnector.CREDENTIALS, new String[] {user, password}));
    }
}
