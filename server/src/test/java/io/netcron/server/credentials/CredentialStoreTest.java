package io.netcron.server.credentials;

import io.netcron.credentials.Credential;
import io.netcron.credentials.CredentialException;
import io.netcron.credentials.Secret;
import io.netcron.server.db.Database;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The encrypted store against a real database: round trip, no clear text at rest, and clear refusals. */
class CredentialStoreTest
{
    private static final String PASSWORD = "Pw-marker-7f3a9c";
    private static final String TOKEN = "Token-marker-51be02";

    @ClassDatabase
    private static TestDatabase testDatabase;
    @ClassDatabase
    private static Database database;

    @TempDir
    static Path directory;

    @BeforeEach
    void emptyStore()
    {
        Sql.execute(testDatabase, "DELETE FROM netcron.credential");
    }

    private static CredentialStore store(String keysetFile, Map<String, String> environment)
    {
        return new CredentialStore(Optional.of(() -> database), KeysetSource.ofFile(directory.resolve(keysetFile)), new EnvironmentCredentials(environment), Duration.ZERO);
    }

    private static Map<String, Secret> login(String username, String password)
    {
        Map<String, Secret> fields = new LinkedHashMap<>();
        fields.put("username", Secret.of(username));
        fields.put("password", Secret.of(password));
        return fields;
    }

    private static CredentialStore store()
    {
        return store("main.keyset.json", Map.of());
    }

    @Test
    void storedCredentialReadsBackWithAllItsFields()
    {
        store().set("core-switches", Map.of("username", Secret.of("netops"), "password", Secret.of(PASSWORD), "enable", Secret.of("en-" + PASSWORD)));

        Credential credential = store().get("core-switches");

        assertThat(credential.username()).isEqualTo("netops");
        assertThat(credential.password().reveal()).isEqualTo(PASSWORD);
        assertThat(credential.require("enable").reveal()).isEqualTo("en-" + PASSWORD);
    }

    @Test
    void databaseHoldsNoClearSecretInAnyColumn()
    {
        store().set("ipam", Map.of("token", Secret.of(TOKEN)));
        store().set("core-switches", login("netops", PASSWORD));

        List<String> rows = Sql.rows(testDatabase, "SELECT t::text AS row, encode(t.ciphertext, 'escape') AS raw FROM netcron.credential t").stream()
                .flatMap(row -> row.values().stream()).map(String::valueOf).toList();

        assertThat(rows).hasSize(4);
        for (String marker : List.of(PASSWORD, TOKEN)) {
            String hex = HexFormat.of().formatHex(marker.getBytes(StandardCharsets.UTF_8));
            assertThat(rows).noneMatch(text -> text.contains(marker) || text.toLowerCase().contains(hex));
        }
        assertThat(Sql.rows(testDatabase, "SELECT name, fields::text AS fields, updated_by FROM netcron.credential ORDER BY name"))
                .extracting(row -> row.get("name") + " " + row.get("fields"))
                .containsExactly("core-switches {username,password}", "ipam {token}");
    }

    @Test
    void ciphertextCopiedToAnotherNameDoesNotDecrypt()
    {
        store().set("ipam", Map.of("token", Secret.of(TOKEN)));
        store().set("splunk", Map.of("token", Secret.of("other")));
        Sql.execute(testDatabase, "UPDATE netcron.credential SET ciphertext = (SELECT ciphertext FROM netcron.credential WHERE name = 'ipam') WHERE name = 'splunk'");

        assertThatThrownBy(() -> store().get("splunk"))
                .isInstanceOf(CredentialException.class)
                .hasMessageStartingWith("credential 'splunk' cannot be decrypted with the keyset file ")
                .hasMessageEndingWith(": wrong keyset, or its stored ciphertext was altered or copied from another credential");
    }

    @Test
    void tamperedCiphertextIsRefusedClearly()
    {
        store().set("ipam", Map.of("token", Secret.of(TOKEN)));
        // flip one bit in the last byte (the GCM tag)
        Sql.execute(testDatabase, "UPDATE netcron.credential SET ciphertext = set_byte(ciphertext, length(ciphertext) - 1, get_byte(ciphertext, length(ciphertext) - 1) # 1) WHERE name = 'ipam'");

        assertThatThrownBy(() -> store().get("ipam"))
                .isInstanceOf(CredentialException.class)
                .hasMessageContaining("credential 'ipam' cannot be decrypted")
                .message().doesNotContain(TOKEN);
    }

    @Test
    void anotherKeysetCannotReadAndSaysSo()
    {
        store().set("ipam", Map.of("token", Secret.of(TOKEN)));
        CredentialStore other = store("other.keyset.json", Map.of());
        other.keysets().create();

        assertThatThrownBy(() -> other.get("ipam"))
                .isInstanceOf(CredentialException.class)
                .hasMessageContaining("credential 'ipam' cannot be decrypted with the keyset file " + directory.resolve("other.keyset.json"))
                .hasMessageContaining("wrong keyset");
    }

    @Test
    void missingKeysetFileWithStoredCredentialsIsNotReplacedByANewOne()
    {
        store().set("ipam", Map.of("token", Secret.of(TOKEN)));
        CredentialStore lost = store("lost.keyset.json", Map.of());

        assertThatThrownBy(() -> lost.get("ipam"))
                .isInstanceOf(CredentialException.class)
                .hasMessageContaining("is missing: restore the keyset from your backup");
        assertThatThrownBy(() -> lost.set("splunk", Map.of("token", Secret.of("x"))))
                .isInstanceOf(CredentialException.class)
                .hasMessageContaining("is missing but netcron.credential holds encrypted credentials");
        assertThat(lost.keysets().exists()).isFalse();
        assertThat(Sql.count(testDatabase, "SELECT count(*) FROM netcron.credential")).isEqualTo(1);
    }

    @Test
    void unknownCredentialAndMissingFieldAreNamed()
    {
        store().set("ipam", Map.of("token", Secret.of(TOKEN)));

        assertThatThrownBy(() -> store().get("nobody"))
                .isInstanceOf(CredentialException.class)
                .hasMessage("unknown credential 'nobody': store it with 'netcron credentials set nobody'");
        assertThatThrownBy(() -> store().get("ipam").password())
                .isInstanceOf(CredentialException.class)
                .hasMessage("credential 'ipam' has no field 'password' (it has: token)");
    }

    @Test
    void environmentOverridesAStoredFieldAndProvidesUnstoredCredentials()
    {
        store().set("core-switches", Map.of("username", Secret.of("netops"), "password", Secret.of(PASSWORD)));
        CredentialStore withEnvironment = store("main.keyset.json", Map.of(
                "NETCRON_CREDENTIAL_CORE_SWITCHES_PASSWORD", "from-env",
                "NETCRON_CREDENTIAL_IPAM_TOKEN", TOKEN));

        Credential switches = withEnvironment.get("core-switches");
        assertThat(switches.username()).isEqualTo("netops");
        assertThat(switches.password().reveal()).isEqualTo("from-env");
        assertThat(withEnvironment.get("ipam").token().reveal()).isEqualTo(TOKEN);
    }

    @Test
    void withoutDatabaseOnlyTheEnvironmentAnswersAndAnythingElseSaysHow()
    {
        CredentialStore environmentOnly = new CredentialStore(Optional.empty(), KeysetSource.ofFile(directory.resolve("none.json")),
                new EnvironmentCredentials(Map.of("NETCRON_CREDENTIAL_IPAM_TOKEN", TOKEN)), Duration.ZERO);

        assertThat(environmentOnly.get("ipam").token().reveal()).isEqualTo(TOKEN);
        assertThatThrownBy(() -> environmentOnly.get("splunk"))
                .isInstanceOf(CredentialException.class)
                .hasMessage("credential 'splunk' is not available: this process has no credential store (no database); provide it as NETCRON_CREDENTIAL_SPLUNK_<FIELD>");
    }

    @Test
    void databaseThatCannotBeOpenedFallsBackToTheEnvironmentOrSaysWhy()
    {
        CredentialStore unreachable = new CredentialStore(Optional.of(() -> {
            throw new IllegalStateException("this isolated run has no database (the node that started it had none)");
        }), KeysetSource.ofFile(directory.resolve("main.keyset.json")), new EnvironmentCredentials(Map.of("NETCRON_CREDENTIAL_IPAM_TOKEN", TOKEN)), Duration.ZERO);

        assertThat(unreachable.get("ipam").token().reveal()).isEqualTo(TOKEN);
        assertThatThrownBy(() -> unreachable.get("splunk"))
                .isInstanceOf(CredentialException.class)
                .hasMessage("credential 'splunk' is not available: the credential store cannot be opened (this isolated run has no database"
                        + " (the node that started it had none)); provide it as NETCRON_CREDENTIAL_SPLUNK_<FIELD>");
    }

    @Test
    void listShowsNamesFieldsAndWhoButNeverValues()
    {
        store().set("core-switches", Map.of("username", Secret.of("netops"), "password", Secret.of(PASSWORD)));

        List<CredentialStore.Info> list = store().list();

        assertThat(list).singleElement().satisfies(info -> {
            assertThat(info.name()).isEqualTo("core-switches");
            assertThat(info.fields()).containsExactlyInAnyOrder("username", "password");
            assertThat(info.updatedBy()).isEqualTo(testDatabase.user() + " / test-" + testDatabase.name());
        });
        assertThat(list.toString()).doesNotContain(PASSWORD);
        assertThat(store().get("core-switches").toString()).doesNotContain(PASSWORD).doesNotContain("netops");
    }

    @Test
    void deleteRemovesTheRow()
    {
        store().set("ipam", Map.of("token", Secret.of(TOKEN)));

        assertThat(store().delete("ipam")).isTrue();
        assertThat(store().delete("ipam")).isFalse();
        assertThat(store().find("ipam")).isEmpty();
    }

    @Test
    void invalidNamesAndFieldsAreRefusedBeforeAnythingIsStored()
    {
        assertThatThrownBy(() -> store().set("bad name", Map.of("token", Secret.of(TOKEN))))
                .isInstanceOf(CredentialException.class)
                .hasMessageStartingWith("credential name 'bad name' is not valid");
        assertThatThrownBy(() -> store().set("ipam", Map.of("Token Value", Secret.of(TOKEN))))
                .isInstanceOf(CredentialException.class)
                .hasMessageStartingWith("field name 'Token Value' is not valid");
        assertThat(Sql.count(testDatabase, "SELECT count(*) FROM netcron.credential")).isZero();
    }
}
