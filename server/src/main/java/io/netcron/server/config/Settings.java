package io.netcron.server.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Raw settings: dotted keys ({@code db.url}) from the config file, each overridden by its
 * environment variable ({@code NETCRON_DB_URL}). Typed config classes read from here; every
 * problem is collected so startup can print all of them at once.
 */
public final class Settings
{
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    /** {@code password=...} inside a value such as a JDBC URL; masked wherever the value is shown. */
    private static final Pattern EMBEDDED_PASSWORD = Pattern.compile("(?i)(password|passwd|pwd|sslpassword)=[^&;\\s]*");
    /** {@code scheme://user:password@host}: the password part. */
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(://[^/:@\\s]+):[^@/\\s]+@");
    public static final String MASK = "********";

    private final Map<String, String> fileValues;
    private final Map<String, String> environment;
    private final String source;
    private final List<String> errors = new ArrayList<>();
    private final Map<String, String> effective = new TreeMap<>();
    private final Set<String> secrets = new TreeSet<>();

    public Settings(Map<String, String> fileValues, Map<String, String> environment, String source)
    {
        this.fileValues = Map.copyOf(requireNonNull(fileValues, "fileValues is null"));
        this.environment = Map.copyOf(requireNonNull(environment, "environment is null"));
        this.source = requireNonNull(source, "source is null");
    }

    public static Settings of(Map<String, String> values)
    {
        return new Settings(values, Map.of(), "test");
    }

    public static String environmentName(String key)
    {
        return "NETCRON_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public Optional<String> optional(String key)
    {
        String value = environment.get(environmentName(key));
        if (value == null) {
            value = fileValues.get(key);
        }
        if (value != null && value.isBlank()) {
            value = null;
        }
        effective.put(key, value == null ? "(unset)" : value);
        return Optional.ofNullable(value).map(String::trim);
    }

    public Optional<String> secret(String key)
    {
        secrets.add(key);
        return optional(key);
    }

    public String string(String key, String defaultValue)
    {
        String value = optional(key).orElse(defaultValue);
        effective.put(key, value);
        return value;
    }

    public int integer(String key, int defaultValue, int min, int max)
    {
        Optional<String> raw = optional(key);
        if (raw.isEmpty()) {
            effective.put(key, Integer.toString(defaultValue));
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value < min || value > max) {
                error(key, "must be between " + min + " and " + max + ", got " + value);
                return defaultValue;
            }
            return value;
        }
        catch (NumberFormatException e) {
            error(key, "must be a whole number, got '" + raw.get() + "'");
            return defaultValue;
        }
    }

    public Optional<Integer> optionalPort(String key)
    {
        Optional<String> raw = optional(key);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value < 0 || value > 65535) {
                error(key, "must be a port between 0 and 65535, got " + value);
                return Optional.empty();
            }
            return Optional.of(value);
        }
        catch (NumberFormatException e) {
            error(key, "must be a port number, got '" + raw.get() + "'");
            return Optional.empty();
        }
    }

    public boolean bool(String key, boolean defaultValue)
    {
        Optional<String> raw = optional(key);
        if (raw.isEmpty()) {
            effective.put(key, Boolean.toString(defaultValue));
            return defaultValue;
        }
        return switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> {
                error(key, "must be true or false, got '" + raw.get() + "'");
                yield defaultValue;
            }
        };
    }

    public Duration duration(String key, Duration defaultValue, Duration min, Duration max)
    {
        Optional<String> raw = optional(key);
        if (raw.isEmpty()) {
            effective.put(key, format(defaultValue));
            return defaultValue;
        }
        Optional<Duration> parsed = parseDuration(raw.get());
        if (parsed.isEmpty()) {
            error(key, "must be a duration such as 500ms, 2s, 5m or PT2S, got '" + raw.get() + "'");
            return defaultValue;
        }
        Duration value = parsed.get();
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            error(key, "must be between " + format(min) + " and " + format(max) + ", got " + raw.get());
            return defaultValue;
        }
        return value;
    }

    /** Parses {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h}, {@code 1d} or ISO-8601 ({@code PT2S}). */
    public static Optional<Duration> parseDuration(String text)
    {
        String value = text.trim().toLowerCase(Locale.ROOT);
        Matcher matcher = DURATION.matcher(value);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return Optional.of(switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
        }
        try {
            return Optional.of(Duration.parse(text.trim().toUpperCase(Locale.ROOT)));
        }
        catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static String format(Duration duration)
    {
        if (duration.toMillis() % 1000 != 0) {
            return duration.toMillis() + "ms";
        }
        long seconds = duration.toSeconds();
        if (seconds % 3600 == 0 && seconds > 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0 && seconds > 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    public void error(String key, String message)
    {
        errors.add(key + " (" + environmentName(key) + "): " + message);
    }

    public List<String> errors()
    {
        return List.copyOf(errors);
    }

    /** Keys in the file that no config class knows: usually a typo. Call after all configs are read. */
    public List<String> unknownFileKeys()
    {
        return fileValues.keySet().stream().filter(key -> !effective.containsKey(key)).sorted().toList();
    }

    /** The effective settings, secrets masked, for the startup log. */
    public Map<String, String> describe()
    {
        Map<String, String> described = new HashMap<>();
        effective.forEach((key, value) -> described.put(key, secrets.contains(key) && !"(unset)".equals(value) ? MASK : maskPasswords(value)));
        return new TreeMap<>(described);
    }

    /** A value with any embedded password ({@code password=...} in a JDBC URL, {@code user:password@}) masked. */
    public static String maskPasswords(String value)
    {
        if (value == null) {
            return null;
        }
        String masked = EMBEDDED_PASSWORD.matcher(value).replaceAll("$1=" + MASK);
        return USER_INFO_PASSWORD.matcher(masked).replaceAll("$1:" + MASK + "@");
    }

    public String source()
    {
        return source;
    }
}
