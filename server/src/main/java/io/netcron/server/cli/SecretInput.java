package io.netcron.server.cli;

import io.netcron.server.errors.UserException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netcron.credentials.Credential;
import io.netcron.credentials.Secret;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Credential values for {@code credentials set}, never from the command line: from a hidden prompt on
 * a terminal, else from stdin as {@code field=value} lines or one JSON object.
 */
final class SecretInput
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SecretInput() {}

    /** The usual fields of a {@code --type}. */
    static List<String> fieldsOf(String type)
    {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "login" -> List.of(Credential.USERNAME, Credential.PASSWORD);
            case "token" -> List.of(Credential.TOKEN);
            case "ssh-key" -> List.of(Credential.USERNAME, Credential.PRIVATE_KEY, Credential.PASSPHRASE);
            default -> throw new UserException("unknown --type '" + type + "': use login, token or ssh-key");
        };
    }

    /** Stdin as {@code field=value} lines ({@code #} comments) or as one JSON object of string values. */
    static Map<String, Secret> parse(String input)
    {
        String text = input.strip();
        Map<String, Secret> fields = new LinkedHashMap<>();
        if (text.startsWith("{")) {
            JsonNode root;
            try {
                root = MAPPER.readTree(text);
            }
            catch (IOException e) {
                throw new UserException("stdin starts with '{' but is not a JSON object of field names to values");
            }
            for (Map.Entry<String, JsonNode> entry : root.properties()) {
                if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
                    throw new UserException("field '" + entry.getKey() + "' in the JSON on stdin must be a string");
                }
                fields.put(entry.getKey(), Secret.of(entry.getValue().asText()));
            }
            return fields;
        }
        int number = 0;
        for (String line : text.lines().toList()) {
            number++;
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                // the line itself may be a secret: say only where it is
                throw new UserException("line " + number + " on stdin is not field=value");
            }
            fields.put(line.substring(0, equals).strip(), Secret.of(line.substring(equals + 1)));
        }
        return fields;
    }

    static String readAll(InputStream in)
    {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UserException("cannot read stdin: " + e.getMessage());
        }
    }

    /** One prompt per field; user names are echoed, everything else is read hidden. */
    static Map<String, Secret> prompt(Console console, String name, List<String> fields)
    {
        Map<String, Secret> values = new LinkedHashMap<>();
        for (String field : fields) {
            if (field.equals(Credential.USERNAME)) {
                String value = console.readLine("%s %s: ", name, field);
                if (value != null && !value.isEmpty()) {
                    values.put(field, Secret.of(value));
                }
                continue;
            }
            char[] value = console.readPassword("%s %s (hidden): ", name, field);
            if (value != null && value.length > 0) {
                values.put(field, Secret.of(new String(value)));
                Arrays.fill(value, ' ');
            }
        }
        return values;
    }

    /** The console if stdin and stdout are a terminal (JDK 22+ returns a console for redirected streams too). */
    static Console terminal()
    {
        Console console = System.console();
        if (console == null) {
            return null;
        }
        try {
            Object terminal = Console.class.getMethod("isTerminal").invoke(console);
            return Boolean.TRUE.equals(terminal) ? console : null;
        }
        catch (ReflectiveOperationException e) {
            return console; // JDK 21: a console exists only on a terminal
        }
    }
}
