package io.netcron.server.credentials;

import io.netcron.credentials.Secret;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Secrets given to a container as environment variables: {@code NETCRON_CREDENTIAL_<NAME>_<FIELD>},
 * the name upper-cased with every other character than letters and digits as {@code _}
 * ({@code NETCRON_CREDENTIAL_IPAM_TOKEN} is field {@code token} of credential {@code ipam}). They
 * override the stored fields of the same name and may provide a credential that is not stored.
 */
public final class EnvironmentCredentials
{
    public static final String PREFIX = "NETCRON_CREDENTIAL_";

    private final Map<String, String> environment;

    public EnvironmentCredentials(Map<String, String> environment)
    {
        this.environment = Map.copyOf(requireNonNull(environment, "environment is null"));
    }

    /** The variable that holds {@code field} of credential {@code name}. */
    public static String variable(String name, String field)
    {
        return prefix(name) + normalize(field);
    }

    /** Fields given for {@code name}, field names lower case; empty if none. */
    public Map<String, Secret> fields(String name)
    {
        String prefix = prefix(name);
        Map<String, Secret> fields = new TreeMap<>();
        environment.forEach((variable, value) -> {
            if (variable.startsWith(prefix) && variable.length() > prefix.length()) {
                fields.put(variable.substring(prefix.length()).toLowerCase(Locale.ROOT), Secret.of(value));
            }
        });
        return fields;
    }

    /** {@code NETCRON_CREDENTIAL_<NAME>_}: what every variable of credential {@code name} starts with. */
    public static String prefix(String name)
    {
        return PREFIX + normalize(name) + "_";
    }

    private static String normalize(String text)
    {
        return text.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
