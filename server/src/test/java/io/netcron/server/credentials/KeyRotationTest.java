package io.netcron.server.credentials;

import com.google.crypto.tink.KeysetHandle;
import io.netcron.credentials.CredentialException;
import io.netcron.credentials.Secret;
import io.netcron.server.db.Database;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code rotate-key}: a new primary key, every row re-encrypted, every row readable at every moment. */
class KeyRotationTest
{
    @ClassDatabase
    private static TestDatabase testDatabase;
    @ClassDatabase
    private static Database database;

    @TempDir
    Path directory;

    @BeforeEach
    void emptyStore()
    {
        Sql.execute(testDatabase, "DELETE FROM netcron.credential");
    }

    private CredentialStore store(String keysetFile)
    {
        return new CredentialStore(Optional.of(() -> database), KeysetSource.ofFile(directory.resolve(keysetFile)), new EnvironmentCredentials(Map.of()), Duration.ZERO);
    }

    private static void storeThree(CredentialStore store)
    {
        for (String name : List.of("alpha", "beta", "gamma")) {
            store.set(name, Map.of("token", Secret.of("token-of-" + name)));
        }
    }

    @Test
    void reencryptsEveryRowWithTheNewPrimaryKeyAndKeepsTheOldKey()
    {
        CredentialStore store = store("keyset.json");
        storeThree(store);
        long oldKeyId = (Long) Sql.value(testDatabase, "SELECT DISTINCT key_id FROM netcron.credential");

        KeyRotation.Result result = new KeyRotation(store).rotate();

        assertThat(result.reencrypted()).isEqualTo(3);
        assertThat(result.newKeyId()).isNotEqualTo(oldKeyId);
        assertThat(result.keysInKeyset()).isEqualTo(2);
        assertThat(Sql.rows(testDatabase, "SELECT DISTINCT key_id FROM netcron.credential")).extracting(row -> row.get("key_id")).containsExactly(result.newKeyId());
        KeysetHandle written = KeysetSource.ofFile(directory.resolve("keyset.json")).load();
        assertThat(Integer.toUnsignedLong(written.getPrimary().getId())).isEqualTo(result.newKeyId());
        for (String name : List.of("alpha", "beta", "gamma")) {
            assertThat(store("keyset.json").get(name).token().reveal()).isEqualTo("token-of-" + name);
        }
    }

    @Test
    void rowsNotYetReencryptedStayReadableMidway()
    {
        CredentialStore store = store("keyset.json");
        storeThree(store);
        List<String> readMidway = new ArrayList<>();

        new KeyRotation(store).rotate(done -> {
            if (done.equals("alpha")) {
                // beta and gamma still carry the old key; a node reading the new keyset file opens them
                CredentialStore node = store("keyset.json");
                assertThat(Sql.count(testDatabase, "SELECT count(DISTINCT key_id) FROM netcron.credential")).isEqualTo(2);
                for (String name : List.of("alpha", "beta", "gamma")) {
                    readMidway.add(node.get(name).token().reveal());
                }
            }
        });

        assertThat(readMidway).containsExactly("token-of-alpha", "token-of-beta", "token-of-gamma");
    }

    @Test
    void keysetFileIsRewrittenOwnerOnly()
            throws Exception
    {
        CredentialStore store = store("keyset.json");
        storeThree(store);

        new KeyRotation(store).rotate();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("keyset.json")))).isEqualTo("rw-------");
        try (var files = Files.list(directory)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("keyset.json");
        }
    }

    @Test
    void wrongKeysetChangesNothing()
            throws Exception
    {
        storeThree(store("keyset.json"));
        CredentialStore wrong = store("wrong.json");
        wrong.keysets().create();
        String before = Files.readString(directory.resolve("wrong.json"));
        List<?> rowsBefore = Sql.rows(testDatabase, "SELECT name, encode(ciphertext, 'hex') AS c, key_id FROM netcron.credential ORDER BY name");

        assertThatThrownBy(() -> new KeyRotation(wrong).rotate())
                .isInstanceOf(CredentialException.class)
                .hasMessageContaining("credential 'alpha' cannot be decrypted");

        assertThat(Files.readString(directory.resolve("wrong.json"))).isEqualTo(before);
        assertThat(Sql.rows(testDatabase, "SELECT name, encode(ciphertext, 'hex') AS c, key_id FROM netcron.credential ORDER BY name")).isEqualTo(rowsBefore);
    }

    @Test
    void keysetFromTheEnvironmentCannotBeRotated()
    {
        CredentialStore file = store("keyset.json");
        storeThree(file);
        String json = file.keysets().file().map(path -> {
            try {
                return Files.readString(path);
            }
            catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).orElseThrow();
        CredentialStore environment = new CredentialStore(Optional.of(() -> database), KeysetSource.ofJson(json), new EnvironmentCredentials(Map.of()), Duration.ZERO);

        assertThat(environment.get("beta").token().reveal()).isEqualTo("token-of-beta");
        assertThatThrownBy(() -> new KeyRotation(environment).rotate())
                .isInstanceOf(CredentialException.class)
                .hasMessage("the credentials keyset comes from NETCRON_KEYSET, which netcron cannot rewrite: use a keyset file (NETCRON_KEYSET_FILE) to rotate keys");
    }
}
