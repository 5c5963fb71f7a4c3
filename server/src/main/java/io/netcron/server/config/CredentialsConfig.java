package io.netcron.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code credentials.*}: where the key of the encrypted credential store comes from, never the
 * database. {@code credentials.keyset-file} is also read as {@code keyset-file}, so the short
 * variable {@code NETCRON_KEYSET_FILE} works; likewise {@code NETCRON_KEYSET} for the keyset JSON itself.
 */
public record CredentialsConfig(Optional<Path> keysetFile, Optional<String> keysetJson, Duration cacheTime)
{
    public static final String KEYSET_FILE = "credentials.keyset-file";
    public static final String KEYSET_FILE_ALIAS = "keyset-file";
    public static final String KEYSET = "credentials.keyset";
    public static final String KEYSET_ALIAS = "keyset";
    /** On the embedded default (no {@code db.url}) the keyset lives here in the data directory. */
    public static final String DEFAULT_KEYSET_FILE_NAME = "credentials.keyset.json";
    /** Nodes read the shared store; a decrypted credential is reused this long (0 = read every time). */
    public static final Duration DEFAULT_CACHE_TIME = Duration.ofSeconds(5);

    public static CredentialsConfig from(Settings settings)
    {
        Optional<Path> file = either(settings, settings.optional(KEYSET_FILE_ALIAS), settings.optional(KEYSET_FILE), KEYSET_FILE_ALIAS, KEYSET_FILE)
                .map(value -> Path.of(value).toAbsolutePath().normalize());
        Optional<String> json = either(settings, settings.secret(KEYSET_ALIAS), settings.secret(KEYSET), KEYSET_ALIAS, KEYSET);
        if (file.isPresent() && json.isPresent()) {
            settings.error(KEYSET_FILE_ALIAS, "set either the keyset file or the keyset JSON (" + Settings.environmentName(KEYSET_ALIAS) + "), not both");
        }
        return new CredentialsConfig(file, json,
                settings.duration("credentials.cache-time", DEFAULT_CACHE_TIME, Duration.ZERO, Duration.ofMinutes(10)));
    }

    // the short and the sectioned name may both be set only to the same value
    private static Optional<String> either(Settings settings, Optional<String> alias, Optional<String> key, String aliasName, String keyName)
    {
        if (alias.isPresent() && key.isPresent() && !samePath(alias.get(), key.get())) {
            settings.error(keyName, "differs from " + aliasName + " (" + Settings.environmentName(aliasName) + "): set only one of them");
        }
        return alias.or(() -> key);
    }

    private static boolean samePath(String a, String b)
    {
        try {
            return Path.of(a).toAbsolutePath().normalize().equals(Path.of(b).toAbsolutePath().normalize());
        }
        catch (RuntimeException e) {
            return a.equals(b);
        }
    }

    @Override
    public String toString()
    {
        return "CredentialsConfig[keysetFile=" + keysetFile.map(Path::toString).orElse("(unset)") + ", keyset=" + (keysetJson.isPresent() ? Settings.MASK : "(unset)")
                + ", cacheTime=" + cacheTime + "]";
    }
}
