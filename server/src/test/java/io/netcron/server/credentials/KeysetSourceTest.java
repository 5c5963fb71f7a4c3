package io.netcron.server.credentials;

import io.netcron.credentials.CredentialException;
import io.netcron.server.config.CredentialsConfig;
import io.netcron.server.config.DatabaseConfig;
import io.netcron.server.config.NodeConfig;
import io.netcron.server.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the keyset comes from: embedded default in the data directory, configured file, or nothing (external database). */
class KeysetSourceTest
{
    @TempDir
    Path directory;

    private KeysetSource source(Map<String, String> values)
    {
        Settings settings = Settings.of(values);
        return KeysetSource.from(CredentialsConfig.from(settings), DatabaseConfig.from(settings), NodeConfig.from(settings));
    }

    @Test
    void embeddedDefaultCreatesTheKeysetInTheDataDirectoryOwnerOnly()
            throws Exception
    {
        KeysetSource keysets = source(Map.of("data-dir", directory.toString()));

        keysets.create();

        Path file = directory.resolve("credentials.keyset.json");
        assertThat(keysets.file()).contains(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(keysets.load().size()).isEqualTo(1);
    }

    @Test
    void externalDatabaseWithoutKeysetSaysExactlyWhatToSet()
    {
        KeysetSource keysets = source(Map.of("db.url", "jdbc:postgresql://127.0.0.1/netcron", "data-dir", directory.toString()));

        assertThatThrownBy(keysets::load)
                .isInstanceOf(CredentialException.class)
                .hasMessage("no credentials keyset is configured for the external database: set NETCRON_KEYSET_FILE to the keyset file"
                        + " (the first 'netcron credentials set' creates it if the store is empty) or NETCRON_KEYSET to the keyset JSON");
    }

    @Test
    void configuredFileIsUsedWithAnExternalDatabase()
    {
        KeysetSource keysets = source(Map.of("db.url", "jdbc:postgresql://127.0.0.1/netcron", "keyset-file", directory.resolve("k.json").toString()));

        assertThat(keysets.configured()).isTrue();
        assertThat(keysets.file()).contains(directory.resolve("k.json"));
    }

    @Test
    void notAKeysetIsRefusedWithoutEchoingIt()
            throws Exception
    {
        Files.writeString(directory.resolve("k.json"), "{\"secret\": \"do-not-echo\"}");
        KeysetSource keysets = KeysetSource.ofFile(directory.resolve("k.json"));

        assertThatThrownBy(keysets::load)
                .isInstanceOf(CredentialException.class)
                .hasMessage("keyset file " + directory.resolve("k.json") + " is not a Tink keyset in JSON form");
    }
}
