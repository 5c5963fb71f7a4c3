package io.netcron.server.credentials;

import com.google.crypto.tink.KeysetHandle;
import io.netcron.credentials.Credential;
import io.netcron.credentials.CredentialException;
import io.netcron.credentials.Credentials;
import io.netcron.credentials.Secret;
import io.netcron.server.config.Settings;
import io.netcron.server.db.Database;
import io.netcron.server.errors.Errors;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * {@link Credentials} backed by {@code netcron.credential}, shared by every node, with environment
 * overrides on top. A decrypted credential is reused for {@code cacheTime} (a few seconds), so a
 * fan-out over many devices reads it once, and a change reaches every node soon after.
 */
public final class CredentialStore
        implements Credentials
{
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:@-]{0,199}");
    private static final Pattern FIELD = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,99}");

    private final Optional<Supplier<Database>> database;
    private final KeysetSource keysets;
    private final EnvironmentCredentials environment;
    private final long cacheNanos;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<Map<String, Secret>> fields, long expiresAt) {}

    /** One row of {@code credentials list}: everything but the values. */
    public record Info(String name, List<String> fields, long keyId, Instant createdAt, Instant updatedAt, String updatedBy) {}

    /** {@code database} is empty where this process has none ({@code netcron run} without one): environment only. */
    public CredentialStore(Optional<Supplier<Database>> database, KeysetSource keysets, EnvironmentCredentials environment, Duration cacheTime)
    {
        this.database = requireNonNull(database, "database is null");
        this.keysets = requireNonNull(keysets, "keysets is null");
        this.environment = requireNonNull(environment, "environment is null");
        this.cacheNanos = requireNonNull(cacheTime, "cacheTime is null").toNanos();
    }

    @Override
    public Optional<Credential> find(String name)
    {
        requireNonNull(name, "name is null");
        Map<String, Secret> overrides = environment.fields(name);
        if (!overrides.isEmpty() && (database.isEmpty() || !keysets.configured())) {
            return Optional.of(new Credential(name, overrides));
        }
        Optional<Map<String, Secret>> stored;
        try {
            stored = stored(name);
        }
        catch (StoreUnavailableException e) {
            if (!overrides.isEmpty()) {
                return Optional.of(new Credential(name, overrides));
            }
            throw new CredentialException("credential '" + name + "' is not available: " + e.getMessage()
                    + "; provide it as " + EnvironmentCredentials.prefix(name) + "<FIELD>");
        }
        if (stored.isEmpty() && overrides.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Secret> fields = new LinkedHashMap<>(stored.orElse(Map.of()));
        fields.putAll(overrides);
        return Optional.of(new Credential(name, fields));
    }

    private Optional<Map<String, Secret>> stored(String name)
    {
        long now = System.nanoTime();
        Cached cached = cache.get(name);
        if (cached != null && now - cached.expiresAt() < 0) {
            return cached.fields();
        }
        keysets.requireConfigured();
        Optional<Map<String, Secret>> fields = repository().find(name).map(row -> decrypt(row));
        if (cacheNanos > 0) {
            cache.put(name, new Cached(fields, now + cacheNanos));
        }
        return fields;
    }

    private Map<String, Secret> decrypt(CredentialRepository.Row row)
    {
        if (!keysets.exists()) {
            throw new CredentialException("credential '" + row.name() + "' is stored encrypted but the " + keysets
                    + " is missing: restore the keyset from your backup (without it the stored secrets are lost)");
        }
        return CredentialCipher.decrypt(keysets.load(), row.name(), row.ciphertext(), keysets.toString());
    }

    /** Stores (or replaces) all fields of {@code name}, encrypted with the keyset's primary key. */
    public void set(String name, Map<String, Secret> fields)
    {
        requireValidName(name);
        if (fields.isEmpty()) {
            throw new CredentialException("credential '" + name + "' needs at least one field");
        }
        fields.keySet().forEach(CredentialStore::requireValidField);
        keysets.requireConfigured();
        CredentialRepository repository = repository();
        KeysetHandle keyset = keysetForWriting(repository);
        repository.upsert(name, List.copyOf(fields.keySet()), CredentialCipher.encrypt(keyset, name, fields));
        cache.remove(name);
    }

    public boolean delete(String name)
    {
        keysets.requireConfigured();
        boolean deleted = repository().delete(name);
        cache.remove(name);
        return deleted;
    }

    public List<Info> list()
    {
        keysets.requireConfigured();
        List<Info> infos = new ArrayList<>();
        for (CredentialRepository.Row row : repository().list()) {
            infos.add(new Info(row.name(), row.fields(), row.keyId(), row.createdAt(), row.updatedAt(), row.updatedBy()));
        }
        return infos;
    }

    public KeysetSource keysets()
    {
        return keysets;
    }

    CredentialRepository repository()
    {
        if (database.isEmpty()) {
            throw new StoreUnavailableException("this process has no credential store (no database)");
        }
        try {
            return new CredentialRepository(database.get().get());
        }
        catch (RuntimeException e) {
            // the isolated child opens its database on first use; say why it could not
            String reason = Errors.firstLine(e);
            throw new StoreUnavailableException("the credential store cannot be opened (" + Settings.maskPasswords(reason) + ")");
        }
    }

    /** No database to read from; {@link #find} falls back to the environment. */
    private static final class StoreUnavailableException
            extends CredentialException
    {
        StoreUnavailableException(String message)
        {
            super(message);
        }
    }

    void forgetCached()
    {
        cache.clear();
    }

    // a keyset is created only while nothing is stored: a missing keyset with rows means lost keys, not a fresh start
    private KeysetHandle keysetForWriting(CredentialRepository repository)
    {
        if (keysets.exists()) {
            return keysets.load();
        }
        if (!repository.isEmpty()) {
            throw new CredentialException("the " + keysets + " is missing but netcron.credential holds encrypted credentials:"
                    + " restore the keyset from your backup (a new keyset could not decrypt them)");
        }
        return keysets.create();
    }

    public static void requireValidName(String name)
    {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new CredentialException("credential name '" + name + "' is not valid: use letters, digits and _.:@- (at most 200, starting with a letter or digit)");
        }
    }

    public static void requireValidField(String field)
    {
        if (field == null || !FIELD.matcher(field).matches()) {
            throw new CredentialException("field name '" + field + "' is not valid: use lower-case letters, digits and _.- (at most 100)");
        }
    }
}
