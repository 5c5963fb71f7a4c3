package io.netcron.server.cli;

import io.netcron.server.cli.CliRunner.CliResult;
import io.netcron.server.credentials.FernetTestFiles;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code netcron credentials ...} against a real database: values in through stdin only, never out. */
class CredentialsCommandsTest
{
    private static final String PASSWORD = "Cli-pw-marker-93ad";
    private static final String TOKEN = "Cli-token-marker-11fe";

    @ClassDatabase(migrated = true)
    private static TestDatabase database;
    private static Path configFile;
    private static Path noKeysetConfig;

    @TempDir
    static Path directory;

    @BeforeAll
    static void writeConfig()
            throws Exception
    {
        String db = "db.url=" + database.plainUrl() + "\ndb.user=" + database.user()
                + database.password().map(password -> "\ndb.password=" + password).orElse("") + "\nnode.id=cli-test\n";
        configFile = directory.resolve("cli.properties");
        Files.writeString(configFile, db + "credentials.keyset-file=" + directory.resolve("keyset.json") + "\n");
        noKeysetConfig = directory.resolve("no-keyset.properties");
        Files.writeString(noKeysetConfig, db);
    }

    @BeforeEach
    void emptyStore()
    {
        Sql.execute(database, "DELETE FROM netcron.credential");
    }

    @Test
    void setFromStdinThenListShowsNamesFieldsAndWhoButNoValues()
    {
        CliResult set = cli(configFile, "username=netops\npassword=" + PASSWORD + "\n", "credentials", "set", "core-switches", "--type", "login");
        CliResult json = cli(configFile, "{\"token\": \"" + TOKEN + "\"}", "credentials", "set", "ipam");
        CliResult list = cli(configFile, "", "credentials", "list");

        assertThat(set).isEqualTo(new CliResult(0, List.of("Stored credential core-switches (fields: username, password)."), List.of()));
        assertThat(json.out()).containsExactly("Stored credential ipam (fields: token).");
        assertThat(list.code()).isZero();
        assertThat(list.out().getFirst()).startsWith("NAME ").contains("FIELDS", "UPDATED BY");
        assertThat(list.out().get(1)).startsWith("core-switches  username,password ").contains(database.user() + " / netcron-cli ");
        assertThat(list.out().get(2)).startsWith("ipam ").contains(" token ");
        assertThat(String.join("\n", list.out()) + set + json).doesNotContain(PASSWORD).doesNotContain(TOKEN);
    }

    @Test
    void stdinWithoutARequiredFieldStoresNothing()
    {
        CliResult result = cli(configFile, "username=netops\n", "credentials", "set", "core-switches", "--type", "login");

        assertThat(result).isEqualTo(new CliResult(2, List.of(), List.of("netcron: stdin has no value for password (give field=value lines or a JSON object)")));
        assertThat(Sql.count(database, "SELECT count(*) FROM netcron.credential")).isZero();
    }

    @Test
    void externalDatabaseWithoutKeysetSaysWhatToSetAndExits2()
    {
        CliResult result = cli(noKeysetConfig, "token=" + TOKEN + "\n", "credentials", "set", "ipam");

        assertThat(result).isEqualTo(new CliResult(2, List.of(), List.of("netcron: no credentials keyset is configured for the external database:"
                + " set NETCRON_KEYSET_FILE to the keyset file (the first 'netcron credentials set' creates it if the store is empty) or NETCRON_KEYSET to the keyset JSON")));
        assertThat(cli(noKeysetConfig, "", "credentials", "list").code()).isEqualTo(2);
    }

    @Test
    void rotateKeySaysHowManyWereReencrypted()
    {
        cli(configFile, "token=" + TOKEN + "\n", "credentials", "set", "ipam");
        cli(configFile, "token=x\n", "credentials", "set", "splunk");

        CliResult result = cli(configFile, "", "credentials", "rotate-key");

        assertThat(result.code()).as(result.toString()).isZero();
        assertThat(result.out()).singleElement().asString()
                .startsWith("New primary key ")
                .contains("written to " + directory.resolve("keyset.json") + " (2 keys); re-encrypted 2 credential(s).");
    }

    @Test
    void deleteOfAnUnknownCredentialIsAUserError()
    {
        cli(configFile, "token=" + TOKEN + "\n", "credentials", "set", "ipam");

        assertThat(cli(configFile, "", "credentials", "delete", "ipam").out()).containsExactly("Deleted credential ipam.");
        assertThat(cli(configFile, "", "credentials", "delete", "ipam"))
                .isEqualTo(new CliResult(2, List.of(), List.of("netcron: unknown credential 'ipam' (see 'netcron credentials list')")));
    }

    @Test
    void importFernetListsNamesAndFieldsOnlyAndStoresDecryptedValues()
            throws Exception
    {
        FernetTestFiles files = FernetTestFiles.write(directory.resolve("import"), PASSWORD, TOKEN);

        CliResult dryRun = cli(configFile, "", "credentials", "import-fernet", files.ini().toString(), "--key-file", files.key().toString(), "--dry-run");
        assertThat(dryRun.out()).containsExactly("Would import ipam (fields: token)", "Would import core-switches (fields: username, password)",
                "2 credential(s) would be imported (dry run: nothing stored).");
        assertThat(Sql.count(database, "SELECT count(*) FROM netcron.credential")).isZero();

        CliResult imported = cli(configFile, "", "credentials", "import-fernet", files.ini().toString(), "--key-file", files.key().toString(), "--prefix", "old-");
        assertThat(imported).isEqualTo(new CliResult(0, List.of("Imported old-ipam (fields: token)", "Imported old-core-switches (fields: username, password)",
                "2 credential(s) imported."), List.of()));
        CliResult whole = cli(configFile, "", "credentials", "import-fernet", files.encryptedIni().toString(), "--key-file", files.key().toString());
        assertThat(whole.code()).as(whole.toString()).isZero();
        assertThat(Sql.rows(database, "SELECT name FROM netcron.credential ORDER BY name")).extracting(row -> row.get("name"))
                .containsExactly("core-switches", "ipam", "old-core-switches", "old-ipam");
        assertThat(cli(configFile, "", "credentials", "list").out().toString()).doesNotContain(PASSWORD).doesNotContain(TOKEN);
    }

    @Test
    void importWithTheWrongKeyStoresNothing()
            throws Exception
    {
        FernetTestFiles files = FernetTestFiles.write(directory.resolve("wrong"), PASSWORD, TOKEN);
        Files.writeString(files.key(), FernetTestFiles.otherKey());

        CliResult result = cli(configFile, "", "credentials", "import-fernet", files.ini().toString(), "--key-file", files.key().toString());

        assertThat(result).isEqualTo(new CliResult(2, List.of(), List.of("netcron: [ipam] token: the Fernet token does not verify with this key: wrong key, or the token was altered")));
        assertThat(Sql.count(database, "SELECT count(*) FROM netcron.credential")).isZero();
    }

    private static CliResult cli(Path config, String stdin, String... arguments)
    {
        return CliRunner.run(config, stdin, arguments);
    }
}
