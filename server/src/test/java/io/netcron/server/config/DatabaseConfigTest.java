package io.netcron.server.config;

import io.netcron.server.db.DataSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseConfigTest
{
    @TempDir
    Path directory;

    @Test
    void defaultsAndKeys()
    {
        Settings settings = Settings.of(Map.of());
        DatabaseConfig config = DatabaseConfig.from(settings);
        assertThat(config).isEqualTo(new DatabaseConfig(Optional.empty(), "netcron", Optional.empty(), 18, Duration.ofSeconds(10),
                Duration.ofSeconds(2), Duration.ofMinutes(1), Duration.ofSeconds(10)));
        assertThat(settings.describe()).containsOnlyKeys("db.url", "db.user", "db.password", "db.password-file", "db.pool-size", "db.connect-timeout",
                "db.lock-timeout", "db.statement-timeout", "db.idle-in-transaction-timeout");
    }

    @Test
    void theDefaultPoolIsLargeEnoughForTheDefaultThreads()
    {
        // the start-up check refuses a pool under this: a node with default settings must start
        assertThat(DatabaseConfig.DEFAULT_POOL_SIZE).isGreaterThanOrEqualTo(DataSources.minimumPoolSize(NodeConfig.DEFAULT_THREADS));
    }

    @Test
    void passwordIsReadFromTheFileNamedByTheEnvironmentWithoutItsTrailingLineBreak()
            throws Exception
    {
        Path file = Files.writeString(directory.resolve("db-password"), "s3cret with spaces \n");
        NetcronConfig config = NetcronConfig.load(Optional.empty(), Map.of("NETCRON_DB_PASSWORD_FILE", file.toString()));
        assertThat(config.database().password()).contains("s3cret with spaces ");
        assertThat(config.settings().describe().values()).noneMatch(value -> value.contains("s3cret"));
    }

    @Test
    void passwordAndPasswordFileTogetherAreRefused()
            throws Exception
    {
        Path file = Files.writeString(directory.resolve("db-password"), "from-file");
        assertThatThrownBy(() -> NetcronConfig.load(Optional.empty(), Map.of(
                "NETCRON_DB_PASSWORD", "from-env",
                "NETCRON_DB_PASSWORD_FILE", file.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("db.password-file (NETCRON_DB_PASSWORD_FILE): set either db.password or db.password-file, not both");
    }

    @Test
    void missingPasswordFileIsOneClearError()
    {
        Path missing = directory.resolve("absent");
        assertThatThrownBy(() -> NetcronConfig.load(Optional.empty(), Map.of("NETCRON_DB_PASSWORD_FILE", missing.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("db.password-file (NETCRON_DB_PASSWORD_FILE): cannot read " + missing + " (NoSuchFileException)");
    }

    @Test
    void emptyPasswordFileIsRefused()
            throws Exception
    {
        Path file = Files.writeString(directory.resolve("db-password"), "\n");
        assertThatThrownBy(() -> NetcronConfig.load(Optional.empty(), Map.of("NETCRON_DB_PASSWORD_FILE", file.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("db.password-file (NETCRON_DB_PASSWORD_FILE): " + file + " is empty");
    }
}
