package io.netcron.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetcronConfigTest
{
    @TempDir
    Path directory;

    @Test
    void defaultsWithNothingConfigured()
    {
        NetcronConfig config = NetcronConfig.load(Optional.empty(), Map.of());
        assertThat(config.database().url()).isEmpty();
        assertThat(config.database().embedded()).isTrue();
        assertThat(config.database().user()).isEqualTo("netcron");
        assertThat(config.database().poolSize()).isEqualTo(DatabaseConfig.DEFAULT_POOL_SIZE);
        assertThat(config.node().threads()).isEqualTo(NodeConfig.DEFAULT_THREADS);
        assertThat(config.node().nodeId()).endsWith("-" + ProcessHandle.current().pid());
        assertThat(config.node().dataDirectory()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(config.quartz().schedulerName()).isEqualTo("netcron");
        assertThat(config.quartz().checkinInterval()).isEqualTo(QuartzConfig.DEFAULT_CHECKIN_INTERVAL);
        assertThat(config.http().enabled()).isFalse();
        assertThat(config.http().bindAddress()).isEqualTo("127.0.0.1");
        assertThat(config.http().readyTimeout()).isEqualTo(HttpConfig.DEFAULT_READY_TIMEOUT);
        assertThat(config.http().ui()).isTrue();
        assertThat(config.jmx().port()).isEmpty();
        assertThat(config.jmx().remote()).isFalse();
        assertThat(config.jmx().bindAddress()).isEqualTo("127.0.0.1");
        assertThat(config.jmx().passwordFile()).isEmpty();
        assertThat(config.jmx().accessFile()).isEmpty();
        assertThat(config.jmx().ssl()).isFalse();
        assertThat(config.jmx().refreshInterval()).isEqualTo(JmxConfig.DEFAULT_REFRESH_INTERVAL);
        assertThat(config.history().maxAge()).isEqualTo(Duration.ofDays(30));
        assertThat(config.history().maxRowsPerJob()).isEqualTo(10_000);
        assertThat(config.history().batchSize()).isEqualTo(1_000);
    }

    @Test
    void historyRetentionIsReadFromTheFileAndTheEnvironment()
            throws Exception
    {
        Path file = directory.resolve("netcron.yaml");
        Files.writeString(file, """
                history:
                  max-age: 7d
                  max-rows-per-job: 500
                """);
        NetcronConfig config = NetcronConfig.load(Optional.of(file), Map.of("NETCRON_HISTORY_BATCH_SIZE", "250", "NETCRON_HISTORY_MAX_AGE", "48h"));
        assertThat(config.history()).isEqualTo(new HistoryConfig(Duration.ofHours(48), 500, 250));
        assertThat(config.settings().describe())
                .containsEntry("history.max-age", "48h")
                .containsEntry("history.max-rows-per-job", "500")
                .containsEntry("history.batch-size", "250");
    }

    @Test
    void historyRetentionRejectsValuesOutOfRange()
    {
        assertThatThrownBy(() -> NetcronConfig.load(Optional.empty(), Map.of(
                "NETCRON_HISTORY_MAX_AGE", "10s",
                "NETCRON_HISTORY_MAX_ROWS_PER_JOB", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("history.max-age (NETCRON_HISTORY_MAX_AGE): must be between 1m and")
                .hasMessageContaining("history.max-rows-per-job (NETCRON_HISTORY_MAX_ROWS_PER_JOB): must be between 1 and 100000000, got 0");
    }

    @Test
    void environmentVariablesNamedBySectionAndKeyOverrideTheFile()
            throws Exception
    {
        Path file = directory.resolve("netcron.yaml");
        Files.writeString(file, """
                db:
                  url: jdbc:postgresql://db.example:5432/netcron
                  user: fromfile
                  password: s3cret
                threads: 4
                node:
                  id: file-node
                quartz:
                  checkin-interval: 5s
                """);
        Path passwordFile = ownerOnlyFile("jmx.password", "operator s3cret\n");
        Path accessFile = directory.resolve("jmx.access");
        Files.writeString(accessFile, "operator readwrite\n");
        NetcronConfig config = NetcronConfig.load(Optional.of(file), Map.ofEntries(
                Map.entry("NETCRON_DB_USER", "fromenv"),
                Map.entry("NETCRON_THREADS", "16"),
                Map.entry("NETCRON_NODE_ID", "env-node"),
                Map.entry("NETCRON_HTTP_PORT", "8081"),
                Map.entry("NETCRON_HTTP_BIND_ADDRESS", "0.0.0.0"),
                Map.entry("NETCRON_HTTP_READY_TIMEOUT", "500ms"),
                Map.entry("NETCRON_HTTP_UI", "false"),
                Map.entry("NETCRON_JMX_PORT", "9010"),
                Map.entry("NETCRON_JMX_BIND_ADDRESS", "0.0.0.0"),
                Map.entry("NETCRON_JMX_PASSWORD_FILE", passwordFile.toString()),
                Map.entry("NETCRON_JMX_ACCESS_FILE", accessFile.toString()),
                Map.entry("NETCRON_JMX_SSL", "true"),
                Map.entry("NETCRON_JMX_REFRESH_INTERVAL", "1s"),
                Map.entry("NETCRON_DATA_DIR", directory.toString())));
        assertThat(config.database().url()).contains("jdbc:postgresql://db.example:5432/netcron");
        assertThat(config.database().user()).isEqualTo("fromenv");
        assertThat(config.database().password()).contains("s3cret");
        assertThat(config.node().threads()).isEqualTo(16);
        assertThat(config.node().nodeId()).isEqualTo("env-node");
        assertThat(config.node().dataDirectory()).isEqualTo(directory);
        assertThat(config.http().port()).isEqualTo(8081);
        assertThat(config.http().bindAddress()).isEqualTo("0.0.0.0");
        assertThat(config.http().readyTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.http().ui()).isFalse();
        assertThat(config.jmx().port()).contains(9010);
        assertThat(config.jmx().bindAddress()).isEqualTo("0.0.0.0");
        assertThat(config.jmx().passwordFile()).contains(passwordFile);
        assertThat(config.jmx().accessFile()).contains(accessFile);
        assertThat(config.jmx().ssl()).isTrue();
        assertThat(config.jmx().refreshInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.quartz().checkinInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.settings().describe()).containsEntry("db.password", "********");
        assertThat(config.database().toString()).doesNotContain("s3cret");
    }

    @Test
    void everyProblemIsListedWithItsSettingAndVariable()
    {
        assertThatThrownBy(() -> NetcronConfig.load(Optional.empty(), Map.of(
                "NETCRON_THREADS", "0",
                "NETCRON_DB_URL", "mysql://nope",
                "NETCRON_QUARTZ_CHECKIN_INTERVAL", "soon")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("1) db.url (NETCRON_DB_URL): must start with jdbc:postgresql:")
                .hasMessageContaining("threads (NETCRON_THREADS): must be between 1 and 500, got 0")
                .hasMessageContaining("quartz.checkin-interval (NETCRON_QUARTZ_CHECKIN_INTERVAL): must be a duration");
    }

    @Test
    void unknownKeyInTheFileIsReportedAsLikelyTypo()
            throws Exception
    {
        Path file = directory.resolve("netcron.properties");
        Files.writeString(file, "db.ulr=jdbc:postgresql://x/y\n");
        assertThatThrownBy(() -> NetcronConfig.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("db.ulr: unknown setting");
    }

    @Test
    void missingConfigFileIsAClearError()
    {
        assertThatThrownBy(() -> NetcronConfig.load(Optional.of(directory.resolve("nope.yaml")), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not exist or is not readable");
    }

    @Test
    void remoteJmxWithoutPasswordAndAccessFilesIsRefused()
    {
        assertThatThrownBy(() -> NetcronConfig.load(Optional.empty(), Map.of("NETCRON_JMX_PORT", "9010")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("jmx.password-file (NETCRON_JMX_PASSWORD_FILE): required when jmx.port is set")
                .hasMessageContaining("jmx.access-file (NETCRON_JMX_ACCESS_FILE): required when jmx.port is set");
    }

    @Test
    void jmxPasswordFileReadableByOthersIsRefused()
            throws Exception
    {
        Path passwordFile = directory.resolve("jmx.password");
        Files.writeString(passwordFile, "operator s3cret\n");
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-r--r--"));
        Path accessFile = directory.resolve("jmx.access");
        Files.writeString(accessFile, "operator readwrite\n");
        assertThatThrownBy(() -> NetcronConfig.load(Optional.empty(), Map.of(
                "NETCRON_JMX_PORT", "9010",
                "NETCRON_JMX_PASSWORD_FILE", passwordFile.toString(),
                "NETCRON_JMX_ACCESS_FILE", accessFile.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("must be readable by its owner only (chmod 600");
    }

    @Test
    void jmxPortZeroMeansRemoteJmxOff()
    {
        assertThat(NetcronConfig.load(Optional.empty(), Map.of("NETCRON_JMX_PORT", "0")).jmx().remote()).isFalse();
    }

    @Test
    void passwordsInsideUrlsAreMaskedWhereverSettingsAreShown()
    {
        NetcronConfig config = NetcronConfig.load(Optional.empty(), Map.of(
                "NETCRON_DB_URL", "jdbc:postgresql://db.example:5432/netcron?user=x&password=hunter2&ssl=true"));
        assertThat(config.settings().describe().get("db.url"))
                .isEqualTo("jdbc:postgresql://db.example:5432/netcron?user=x&password=********&ssl=true");
        assertThat(config.database().toString()).doesNotContain("hunter2");
        assertThat(Settings.maskPasswords("postgres://app:hunter2@db:5432/x")).isEqualTo("postgres://app:********@db:5432/x");
        assertThatThrownBy(() -> NetcronConfig.load(Optional.empty(), Map.of("NETCRON_DB_URL", "postgres://app:hunter2@db:5432/x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageNotContaining("hunter2");
    }

    private Path ownerOnlyFile(String name, String content)
            throws Exception
    {
        Path file = directory.resolve(name);
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
