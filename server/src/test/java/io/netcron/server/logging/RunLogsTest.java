package io.netcron.server.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netcron.server.testing.Cluster;
import io.netcron.server.testing.MultiJvm;
import io.netcron.server.testing.NodeProcess;
import io.netcron.server.testing.Ports;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * JSON log lines from a real node: every line is one JSON object, lines written during a run
 * carry job, run id and node, each run has a start and an end line, and no secret given to the
 * node (database password from the environment, the config file or the URL; JMX passwords)
 * appears in its log or in {@code netcron check-config}.
 */
@MultiJvm
class RunLogsTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENV_PASSWORD = "envSecret" + Long.toHexString(System.nanoTime());
    private static final String FILE_PASSWORD = "fileSecret" + Long.toHexString(System.nanoTime());
    private static final String URL_PASSWORD = "urlSecret" + Long.toHexString(System.nanoTime());
    private static final String JMX_PASSWORD = "jmxSecret" + Long.toHexString(System.nanoTime());

    @TempDir
    Path directory;

    @Test
    void jsonLinesCarryTheRunAndNoSecretIsLogged()
            throws Exception
    {
        try (TestDatabase database = TestDatabase.create(RunLogsTest.class)) {
            // a server that trusts local users accepts any password, so the three places carry three
            // markers; one that checks passwords (the embedded one) accepts one: the three then carry
            // the password of a role made for this test, and whichever place wins, the node connects
            String user = database.user();
            String envPassword = ENV_PASSWORD;
            String filePassword = FILE_PASSWORD;
            String urlPassword = URL_PASSWORD;
            if (database.password().isPresent()) {
                user = "nc_log_" + Long.toHexString(System.nanoTime());
                envPassword = filePassword = urlPassword = ENV_PASSWORD;
                try (Connection admin = database.connectAdmin(); Statement statement = admin.createStatement()) {
                    // the embedded cluster lives as long as this JVM: the role goes with it
                    statement.execute("CREATE ROLE " + user + " LOGIN SUPERUSER PASSWORD '" + ENV_PASSWORD + "'");
                }
            }
            Path configFile = directory.resolve("netcron.yaml");
            Files.writeString(configFile, "db:\n  password: " + filePassword + "\n");
            Path passwordFile = directory.resolve("jmxremote.password");
            Files.writeString(passwordFile, "operator " + JMX_PASSWORD + "\n");
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
            Path accessFile = directory.resolve("jmxremote.access");
            Files.writeString(accessFile, "operator readwrite\n");
            Map<String, String> environment = new HashMap<>(Map.of(
                    "NETCRON_LOG_FORMAT", "json",
                    "NETCRON_CONFIG", configFile.toString(),
                    "NETCRON_DB_USER", user,
                    "NETCRON_DB_PASSWORD", envPassword,
                    "NETCRON_DB_URL", database.plainUrl() + "?password=" + urlPassword,
                    "NETCRON_JMX_PORT", Integer.toString(Ports.free()),
                    "NETCRON_JMX_PASSWORD_FILE", passwordFile.toString(),
                    "NETCRON_JMX_ACCESS_FILE", accessFile.toString(),
                    "NETCRON_QUARTZ_RECONCILE_INTERVAL", "1s"));
            String output;
            try (Cluster cluster = new Cluster(database, environment)) {
                NodeProcess node = cluster.start("log-node");
                cluster.awaitActive(Duration.ofSeconds(90), node);
                Sql.execute(database, "INSERT INTO netcron.job (name, implementation, schedule, params) VALUES ('log-job', 'test-logging', '* * * * * ?', '{\"device\": \"sw-1\"}')");
                await("a run of log-job").atMost(Duration.ofSeconds(30)).until(() ->
                        Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE job_name = 'log-job' AND status = 'succeeded'") >= 1);
                node.stop(Duration.ofSeconds(60));
                output = node.output();
            }

            List<JsonNode> lines = new ArrayList<>();
            for (String line : output.lines().filter(line -> !line.isBlank()).toList()) {
                JsonNode parsed = JSON.readTree(line);
                assertThat(parsed.isObject()).as("a JSON object per line: %s", line).isTrue();
                assertThat(parsed.has("timestamp") && parsed.has("level") && parsed.has("loggerName") && parsed.has("formattedMessage")).as(line).isTrue();
                lines.add(parsed);
            }
            long runId = (Long) Sql.value(database, "SELECT min(id) FROM netcron.job_run WHERE job_name = 'log-job' AND status = 'succeeded'");
            List<JsonNode> runLines = lines.stream().filter(line -> Long.toString(runId).equals(line.path("mdc").path("run").asText())).toList();
            assertThat(runLines).allSatisfy(line -> {
                assertThat(line.path("mdc").path("job").asText()).isEqualTo("log-job");
                assertThat(line.path("mdc").path("node").asText()).isEqualTo("log-node");
            });
            assertThat(runLines).extracting(line -> line.path("formattedMessage").asText())
                    .anySatisfy(message -> assertThat(message).startsWith("Run started: job=log-job run=" + runId + " node=log-node"))
                    .anySatisfy(message -> assertThat(message).isEqualTo("checking device sw-1"))
                    .anySatisfy(message -> assertThat(message).startsWith("Run finished: job=log-job run=" + runId + " node=log-node status=succeeded"));

            assertNoSecret("node log", output);
            NodeProcess checkConfig = NodeProcess.start("check-config", environment, "check-config");
            assertThat(checkConfig.waitFor(Duration.ofSeconds(60))).isZero();
            String checked = checkConfig.output();
            assertThat(checked).contains("Configuration OK").contains("db.password").contains("password=********");
            assertNoSecret("check-config output", checked);
        }
    }

    private static void assertNoSecret(String what, String text)
    {
        for (String secret : List.of(ENV_PASSWORD, FILE_PASSWORD, URL_PASSWORD, JMX_PASSWORD)) {
            assertThat(text).as(what).doesNotContain(secret);
        }
    }
}
