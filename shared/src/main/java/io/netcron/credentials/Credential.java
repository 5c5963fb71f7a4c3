package io.netcron.credentials;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A named, structured secret: a device login ({@code username}, {@code password}, optional
 * {@code enable}), an API token ({@code token}), an SSH key ({@code private_key}, optional
 * {@code passphrase}), or any other fields. Field names are lower case; values are {@link Secret}s.
 */
public record Credential(String name, Map<String, Secret> fields)
{
    public static final String USERNAME = "username";
    public static final String PASSWORD = "password";
    public static final String ENABLE = "enable";
    public static final String TOKEN = "token";
    public static final String PRIVATE_KEY = "private_key";
    public static final String PASSPHRASE = "passphrase";

    public Credential
    {
        requireNonNull(name, "name is null");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(fields, "fields is null")));
    }

    public static Credential login(String name, String username, String password)
    {
        return new Credential(name, Map.of(USERNAME, Secret.of(username), PASSWORD, Secret.of(password)));
    }

    public static Credential token(String name, String token)
    {
        return new Credential(name, Map.of(TOKEN, Secret.of(token)));
    }

    public Optional<Secret> field(String field)
    {
        return Optional.ofNullable(fields.get(field));
    }

    /** The field, or a {@link CredentialException} naming the credential and the missing field. */
    public Secret require(String field)
    {
        Secret value = fields.get(field);
        if (value == null) {
            throw new CredentialException("credential '" + name + "' has no field '" + field + "' (it has: " + String.join(", ", fields.keySet()) + ")");
        }
        return value;
    }

    /** User names are not secret: shown in logs and errors as they are. */
    public String username()
    {
        return require(USERNAME).reveal();
    }

    public Secret password()
    {
        return require(PASSWORD);
    }

    public Secret token()
    {
        return require(TOKEN);
    }

    @Override
    public String toString()
    {
        return "Credential[" + name + " " + fields.keySet() + "]";
    }
}
