package io.netcron.server.cli;

import io.netcron.server.errors.UserException;

import io.netcron.credentials.Secret;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.Console;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code netcron credentials set NAME}: values from a hidden prompt or stdin, never from the command line. */
@Command(name = "set", description = {"Store (or replace) a credential, encrypted. Values come from a hidden prompt on a terminal,",
        "else from stdin as field=value lines or a JSON object; never from the command line."})
public final class CredentialsSetCommand
        implements Callable<Integer>
{
    @Mixin
    ConfigOptions options;

    @Parameters(index = "0", paramLabel = "NAME", description = "Credential name, e.g. ipam or core-switches")
    String name;

    @Option(names = "--field", paramLabel = "FIELD", description = "A field to ask for (prompt) or require (stdin); repeatable")
    List<String> fields = new ArrayList<>();

    @Option(names = "--type", paramLabel = "TYPE", description = "login (username, password), token (token) or ssh-key (username, private_key, passphrase)")
    String type;

    @Override
    public Integer call()
    {
        try (CliCredentials credentials = CliCredentials.open(options.load())) {
            Map<String, Secret> values = read();
            credentials.store().set(name, values);
            System.out.println("Stored credential " + name + " (fields: " + String.join(", ", values.keySet()) + ").");
        }
        return 0;
    }

    private Map<String, Secret> read()
    {
        Set<String> wanted = new LinkedHashSet<>();
        if (type != null) {
            wanted.addAll(SecretInput.fieldsOf(type));
        }
        wanted.addAll(fields);
        Console terminal = SecretInput.terminal();
        Map<String, Secret> values;
        if (terminal != null) {
            if (wanted.isEmpty()) {
                throw new UserException("say which fields to ask for: --type login|token|ssh-key or --field FIELD (repeatable)");
            }
            values = SecretInput.prompt(terminal, name, List.copyOf(wanted));
        }
        else {
            values = SecretInput.parse(SecretInput.readAll(System.in));
            // a passphrase is optional for an SSH key
            List<String> missing = wanted.stream().filter(field -> !values.containsKey(field))
                    .filter(field -> !(field.equals("passphrase") && !fields.contains(field))).toList();
            if (!missing.isEmpty()) {
                throw new UserException("stdin has no value for " + String.join(", ", missing) + " (give field=value lines or a JSON object)");
            }
        }
        if (values.isEmpty()) {
            throw new UserException("no values given for credential '" + name + "': nothing stored");
        }
        return values;
    }
}
