package io.netcron.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.CloseAfterAll;
import io.netcron.server.testing.Cluster;
import io.netcron.server.testing.MultiJvm;
import io.netcron.server.testing.NodeProcess;
import io.netcron.server.testing.Ports;
import io.netcron.server.testing.PrometheusText;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The management port of a real node process: health for load balancers, metrics for Prometheus. */
@MultiJvm
class ManagementHttpTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ClassDatabase
    private static TestDatabase database;
    @CloseAfterAll
    private static Cluster cluster;
    private static NodeProcess node;
    private static int port;

    @BeforeAll
    static void startNode()
    {
        port = Ports.free();
        cluster = new Cluster(database, Map.of(
                "NETCRON_HTTP_PORT", Integer.toString(port),
                "NETCRON_QUARTZ_RECONCILE_INTERVAL", "1s"));
        node = cluster.start("http-node");
        cluster.awaitActive(Duration.ofSeconds(90), node);
    }

    @Test
    void livenessAndReadinessAnswerJsonWhileTheNodeServes()
            throws Exception
    {
        HttpResponse<String> live = get("/health/live");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(JSON.readTree(live.body()).path("status").asText()).isEqualTo("UP");

        HttpResponse<String> ready = get("/health/ready");
        JsonNode body = JSON.readTree(ready.body());
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(body.path("status").asText()).isEqualTo("UP");
        for (String check : List.of("database", "schema", "scheduler")) {
            assertThat(body.path("checks").path(check).path("status").asText()).as(check).isEqualTo("UP");
        }
        assertThat(body.has("reason")).isFalse();

        assertThat(get("/nope").statusCode()).isEqualTo(404);
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(uri("/health/live")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void metricsParseAsPrometheusTextAndMoveWhenJobsRun()
            throws Exception
    {
        HttpResponse<String> first = get("/metrics");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        PrometheusText before = PrometheusText.parse(first.body());
        assertThat(before.families().keySet()).contains(
                "netcron_worker_threads", "netcron_worker_threads_busy", "netcron_node_clock_offset_seconds", "netcron_node_standby",
                "netcron_node_lease_held", "netcron_runs_lingering", "netcron_runs_ends_pending",
                "hikaricp_connections_active", "hikaricp_connections_max",
                "jvm_memory_used_bytes", "jvm_threads_live_threads", "jvm_gc_memory_allocated_bytes_total", "process_uptime_seconds");
        assertThat(before.sum("netcron_worker_threads", Map.of("node", "http-node"))).isEqualTo(8);
        assertThat(before.sum("netcron_node_lease_held", Map.of("node", "http-node"))).isEqualTo(1);
        assertThat(before.sum("netcron_runs_total", Map.of("job_name", "metrics-tick"))).isZero();

        Sql.execute(database, """
                INSERT INTO netcron.job (name, implementation, schedule, params, concurrency) VALUES
                    ('metrics-tick', 'sleep', '* * * * * ?', '{"duration_ms": 10}', 'allow'),
                    ('metrics-fail', 'test-failing', '* * * * * ?', '{}', 'allow'),
                    ('metrics-overlap', 'sleep', '* * * * * ?', '{"duration_ms": 2500}', 'forbid')""");

        await("runs counted in /metrics").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            PrometheusText text = PrometheusText.parse(get("/metrics").body());
            assertThat(text.sum("netcron_runs_total", Map.of("job_name", "metrics-tick", "status", "succeeded", "cause", "schedule"))).isGreaterThanOrEqualTo(3);
            assertThat(text.sum("netcron_runs_total", Map.of("job_name", "metrics-fail", "status", "failed"))).isGreaterThanOrEqualTo(1);
            assertThat(text.sum("netcron_runs_skipped_total", Map.of("job_name", "metrics-overlap"))).isGreaterThanOrEqualTo(1);
            assertThat(text.sum("netcron_run_duration_seconds_count", Map.of("job_name", "metrics-tick"))).isGreaterThanOrEqualTo(3);
            assertThat(text.sum("netcron_fire_delay_seconds_count", Map.of("job_name", "metrics-tick"))).isGreaterThanOrEqualTo(3);
        });
        PrometheusText after = PrometheusText.parse(get("/metrics").body());
        double succeeded = after.sum("netcron_runs_total", Map.of("job_name", "metrics-tick", "status", "succeeded"));
        long recorded = Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE job_name = 'metrics-tick' AND status = 'succeeded'");
        assertThat(succeeded).as("counter vs. job_run rows (one node: they agree within the runs in flight)").isBetween(recorded - 2.0, recorded + 2.0);
        assertThat(after.sum("hikaricp_connections_acquire_seconds_count", Map.of())).isGreaterThan(before.sum("hikaricp_connections_acquire_seconds_count", Map.of()));
    }

    @Test
    void readinessGoesDownWithTheReasonWhenTheDatabaseIsUnreachableAndComesBack()
            throws Exception
    {
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
        try (Connection admin = database.connectAdmin(); Statement statement = admin.createStatement()) {
            try {
                statement.execute("ALTER DATABASE " + database.name() + " ALLOW_CONNECTIONS false");
                statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database.name() + "'");

                await("ready reports the database down").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    long before = System.nanoTime();
                    HttpResponse<String> ready = get("/health/ready");
                    Duration took = Duration.ofNanos(System.nanoTime() - before);
                    JsonNode body = JSON.readTree(ready.body());
                    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
                    assertThat(body.path("status").asText()).isEqualTo("DOWN");
                    assertThat(body.path("checks").path("database").path("status").asText()).isEqualTo("DOWN");
                    assertThat(body.path("checks").path("database").path("reason").asText()).isNotBlank();
                    assertThat(body.path("reason").asText()).startsWith("database: ");
                    // the probe is bounded by http.ready-timeout (2 s), however long the pool would wait
                    assertThat(took).as("time to answer /health/ready").isLessThan(Duration.ofSeconds(4));
                });
                assertThat(get("/health/live").statusCode()).as("liveness does not depend on the database").isEqualTo(200);
                assertThat(get("/metrics").statusCode()).isEqualTo(200);
            }
            finally {
                statement.execute("ALTER DATABASE " + database.name() + " ALLOW_CONNECTIONS true");
            }
        }
        await("ready again once the database is back").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> get("/health/ready").statusCode() == 200);
        assertThat(node.isAlive()).isTrue();
    }

    private static HttpResponse<String> get(String path)
            throws Exception
    {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path)
    {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
