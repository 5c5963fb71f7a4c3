package io.netcron.server.cli;

import io.netcron.server.errors.UserException;

import io.netcron.credentials.Credential;
import io.netcron.server.credentials.Fernet;
import io.netcron.server.credentials.FernetImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.netcron.server.config.NetcronConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code netcron credentials import-fernet FILE --key-file K}: the Python framework's {@code credential.ini}. */
@Command(name = "import-fernet", description = {"Import the Python framework's Fernet-encrypted credential.ini: sections become credentials,",
        "their keys the fields; Fernet-token values (or the whole file as one token) are decrypted with the key file."})
public final class CredentialsImportFernetCommand
        implements Callable<Integer>
{
    @Mixin
    ConfigOptions options;

    @Parameters(index = "0", paramLabel = "FILE", description = "The credential.ini (clear INI with Fernet-token values, or one Fernet token)")
    Path file;

    @Option(names = "--key-file", required = true, paramLabel = "K", description = "File holding the framework's Fernet key (url-safe base64, 32 bytes)")
    Path keyFile;

    @Option(names = "--prefix", paramLabel = "P", description = "Prepended to every section name")
    String prefix = "";

    @Option(names = "--dry-run", description = "Decrypt and show what would be imported; store nothing")
    boolean dryRun;

    @Override
    public Integer call()
    {
        importFile(options.load(), file, keyFile, prefix, dryRun, System.out);
        return 0;
    }

    /** Imports (or with {@code dryRun} only shows) the credentials of {@code file}; also used by {@code migrate-python --credentials}. */
    static int importFile(NetcronConfig config, Path file, Path keyFile, String prefix, boolean dryRun, PrintStream out)
    {
        List<Credential> credentials = FernetImport.read(read(file, "credential file"), Fernet.Key.parse(keyOf(read(keyFile, "key file"))), prefix);
        if (credentials.isEmpty()) {
            throw new UserException(file + " has no [sections]: nothing to import");
        }
        if (dryRun) {
            credentials.forEach(credential -> out.println("Would import " + describe(credential)));
            out.println(credentials.size() + " credential(s) would be imported (dry run: nothing stored).");
            return credentials.size();
        }
        try (CliCredentials store = CliCredentials.open(config)) {
            for (Credential credential : credentials) {
                store.store().set(credential.name(), credential.fields());
                out.println("Imported " + describe(credential));
            }
        }
        out.println(credentials.size() + " credential(s) imported.");
        return credentials.size();
    }

    private static String describe(Credential credential)
    {
        return credential.name() + " (fields: " + String.join(", ", credential.fields().keySet()) + ")";
    }

    // the first line that is not blank or a comment
    private static String keyOf(String text)
    {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).findFirst()
                .orElseThrow(() -> new UserException("the key file is empty"));
    }

    private static String read(Path path, String what)
    {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UserException("cannot read the " + what + " " + path + ": " + e.getClass().getSimpleName());
        }
    }
}
