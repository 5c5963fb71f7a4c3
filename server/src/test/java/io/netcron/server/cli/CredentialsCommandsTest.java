package io.netcron.server.cli;

import io.netcron.server.Main;
import io.netcron.server.credentials.FernetTestFiles;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code netcron credentials ...} against a real database: values in through stdin only, never out. */
class CredentialsCommandsTest
{
    private static final String PASSWORD = "Cli-pw-marker-93ad";
    private static final String TOKEN = "Cli-token-marker-11fe";

    private static TestDatabase database;
    private static Path configFile;
    private static Path noKeysetConfig;

    @TempDir
    static Path directory;

    @BeforeAll
    static void writeConfig()
            throws Exception
    {
        database = TestDatabase.create(CredentialsCommandsTest.class);
        database.migratedPool();
        String db = "db.url=" + database.plainUrl() + "\ndb.user=" + database.user()
                + database.password().map(password -> "\ndb.password=" + password).orElse("") + "\nnode.id=cli-test\n";
        configFile = directory.resolve("cli.properties");
        Files.writeString(configFile, db + "credentials.keyset-file=" + directory.resolve("keyset.json") + "\n");
        noKeysetConfig = directory.resolve("no-keyset.properties");
        Files.writeString(noKeysetConfig, db);
    }

    @AfterAll
    static void dropDatabase()
    {
        database.close();
    }

    @BeforeEach
    void emptyStore()
    {
        Sql.execute(database, "DELETE FROM netcron.credential");
    }

    @Test
    void setFromStdinThenListShowsNamesFieldsAndWhoButNoValues()
    {
        Result set = cli(configFile, "username=netops\npassword=" + PASSWORD + "\n", "credentials", "set", "core-switches", "--type", "login");
        Result json = cli(configFile, "{\"token\": \"" + TOKEN + "\"}", "credentials", "set", "ipam");
        Result list = cli(configFile, "", "credentials", "list");

        assertThat(set).isEqualTo(new Result(0, List.of("Stored credential core-switches (fields: username, password)."), List.of()));
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
        Result result = cli(configFile, "username=netops\n", "credentials", "set", "core-switches", "--type", "login");

        assertThat(result).isEqualTo(new Result(2, List.of(), List.of("netcron: stdin has no value for password (give field=value lines or a JSON object)")));
        assertThat(Sql.count(database, "SELECT count(*) FROM netcron.credential")).isZero();
    }

    @Test
    void externalDatabaseWithoutKeysetSaysWhatToSetAndExits2()
    {
        Result result = cli(noKeysetConfig, "token=" + TOKEN + "\n", "credentials", "set", "ipam");

        assertThat(result).isEqualTo(new Result(2, List.of(), List.of("netcron: no credentials keyset is configured for the external database:"
                + " set NETCRON_KEYSET_FILE to the keyset file (the first 'netcron credentials set' creates it if the store is empty) or NETCRON_KEYSET to the keyset JSON")));
        assertThat(cli(noKeysetConfig, "", "credentials", "list").code()).isEqualTo(2);
    }

    @Test
    void rotateKeySaysHowManyWereReencrypted()
    {
        cli(configFile, "token=" + TOKEN + "\n", "credentials", "set", "ipam");
        cli(configFile, "token=x\n", "credentials", "set", "splunk");

        Result result = cli(configFile, "", "credentials", "rotate-key");

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
                .isEqualTo(new Result(2, List.of(), List.of("netcron: unknown credential 'ipam' (see 'netcron credentials list')")));
    }

    @Test
    void importFernetListsNamesAndFieldsOnlyAndStoresDecryptedValues()
            throws Exception
    {
        FernetTestFiles files = FernetTestFiles.write(directory.resolve("import"), PASSWORD, TOKEN);

        Result dryRun = cli(configFile, "", "credentials", "import-fernet", files.ini().toString(), "--key-file", files.key().toString(), "--dry-run");
        assertThat(dryRun.out()).containsExactly("Would import ipam (fields: token)", "Would import core-switches (fields: username, password)",
                "2 credential(s) would be imported (dry run: nothing stored).");
        assertThat(Sql.count(database, "SELECT count(*) FROM netcron.credential")).isZero();

        Result imported = cli(configFile, "", "credentials", "import-fernet", files.ini().toString(), "--key-file", files.key().toString(), "--prefix", "old-");
        assertThat(imported).isEqualTo(new Result(0, List.of("Imported old-ipam (fields: token)", "Imported old-core-switches (fields: username, password)",
                "2 credential(s) imported."), List.of()));
        Result whole = cli(configFile, "", "credentials", "import-fernet", files.encryptedIni().toString(), "--key-file", files.key().toString());
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

        Result result = cli(configFile, "", "credentials", "import-fernet", files.ini().toString(), "--key-file", files.key().toString());

        assertThat(result).isEqualTo(new Result(2, List.of(), List.of("netcron: [ipam] token: the Fernet token does not verify with this key: wrong key, or the token was altered")));
        assertThat(Sql.count(database, "SELECT count(*) FROM netcron.credential")).isZero();
    }

    record Result(int code, List<String> out, List<String> err) {}

    private static Result cli(Path config, String stdin, String... arguments)
    {
        List<String> args = new ArrayList<>(List.of(arguments));
        args.add("--config");
        args.add(config.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        InputStream originalIn = System.in;
        int code;
        try (PrintStream capturedOut = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream capturedErr = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(capturedOut);
            System.setErr(capturedErr);
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            code = Main.execute(args.toArray(String[]::new));
        }
        finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
            System.setIn(originalIn);
        }
        return new Result(code, lines(out), lines(err));
    }

    private static List<String> lines(ByteArrayOutputStream stream)
    {
        return stream.toString(StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
    }
}
