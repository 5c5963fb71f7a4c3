package io.netcron.server.credentials;

import io.netcron.credentials.Credential;
import io.netcron.credentials.CredentialException;
import io.netcron.credentials.Secret;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the Python framework's {@code credential.ini}: each INI section becomes a credential (its
 * name, with an optional prefix), each key a field (lower case, as Python's configparser reads them).
 * A value that is a Fernet token is decrypted with the framework's key; a file that as a whole is one
 * Fernet token (the encrypted INI) is decrypted first. {@code [DEFAULT]} values apply to every section.
 */
public final class FernetImport
{
    private FernetImport() {}

    public static List<Credential> read(String fileText, Fernet.Key key, String prefix)
    {
        String text = fileText.strip();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (Fernet.looksLikeToken(text)) {
            try {
                text = new String(Fernet.decrypt(text, key), StandardCharsets.UTF_8);
            }
            catch (CredentialException e) {
                throw new CredentialException("the file is one Fernet token that cannot be decrypted: " + e.getMessage());
            }
        }
        return toCredentials(parse(text), key, prefix);
    }

    // section -> key -> raw value, in file order; configparser's syntax: [section], key = value or key: value, # and ; comments
    private static Map<String, Map<String, String>> parse(String text)
    {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        String lastKey = null;
        int number = 0;
        for (String line : text.lines().toList()) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                continue;
            }
            if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
                current = sections.computeIfAbsent(trimmed.substring(1, trimmed.length() - 1).strip(), name -> new LinkedHashMap<>());
                lastKey = null;
                continue;
            }
            if (Character.isWhitespace(line.charAt(0)) && current != null && lastKey != null) {
                current.merge(lastKey, trimmed, (before, more) -> before + "\n" + more); // a continuation line
                continue;
            }
            int equals = trimmed.indexOf('=');
            int colon = trimmed.indexOf(':');
            int split = equals < 0 ? colon : colon < 0 ? equals : Math.min(equals, colon);
            if (current == null || split <= 0) {
                throw new CredentialException("line " + number + " of the credential file is neither a [section] nor key = value");
            }
            lastKey = trimmed.substring(0, split).strip().toLowerCase(Locale.ROOT);
            current.put(lastKey, trimmed.substring(split + 1).strip());
        }
        return sections;
    }

    private static List<Credential> toCredentials(Map<String, Map<String, String>> sections, Fernet.Key key, String prefix)
    {
        Map<String, String> defaults = sections.getOrDefault("DEFAULT", Map.of());
        List<Credential> credentials = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> section : sections.entrySet()) {
            if (section.getKey().equals("DEFAULT")) {
                continue;
            }
            String name = prefix + section.getKey();
            CredentialStore.requireValidName(name);
            Map<String, String> raw = new LinkedHashMap<>(defaults);
            raw.putAll(section.getValue());
            Map<String, Secret> fields = new LinkedHashMap<>();
            raw.forEach((field, value) -> {
                CredentialStore.requireValidField(field);
                fields.put(field, Secret.of(clear(value, key, section.getKey(), field)));
            });
            if (fields.isEmpty()) {
                throw new CredentialException("section [" + section.getKey() + "] has no keys");
            }
            credentials.add(new Credential(name, fields));
        }
        return credentials;
    }

    private static String clear(String value, Fernet.Key key, String section, String field)
    {
        if (!Fernet.looksLikeToken(value)) {
            return value;
        }
        try {
            return new String(Fernet.decrypt(value, key), StandardCharsets.UTF_8);
        }
        catch (CredentialException e) {
            throw new CredentialException("[" + section + "] " + field + ": " + e.getMessage());
        }
    }
}
