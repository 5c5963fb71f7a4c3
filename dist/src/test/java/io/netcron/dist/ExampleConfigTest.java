package io.netcron.dist;

import io.netcron.server.config.NetcronConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped examples hold only settings netcron knows, so an operator who copies them starts cleanly. */
class ExampleConfigTest
{
    @TempDir
    Path directory;

    @Test
    void exampleSettingsFileLoadsWithoutUnknownKeys()
            throws Exception
    {
        Path passwordFile = Files.writeString(directory.resolve("db-password"), "example\n");
        NetcronConfig config = NetcronConfig.load(Optional.of(Repository.file("deploy/netcron.example.yaml")),
                Map.of("NETCRON_DB_PASSWORD_FILE", passwordFile.toString()));
        assertThat(config.database().url()).contains("jdbc:postgresql://db.example.net:5432/netcron");
        assertThat(config.database().password()).contains("example");
    }

    @Test
    void exampleEnvironmentFileNamesOnlyKnownVariables()
    {
        Map<String, String> environment = SystemdUnit.environmentFile(Repository.file("deploy/netcron.env.example"));
        assertThat(environment.keySet()).isNotEmpty().isSubsetOf(Repository.knownVariables());
        assertThat(environment.keySet()).noneMatch(Repository::looksSecret);
    }
}
