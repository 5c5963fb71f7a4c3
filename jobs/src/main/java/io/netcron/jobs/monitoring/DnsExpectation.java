package io.netcron.jobs.monitoring;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * What the answers to one name and type should be: exact values (the answer set, order aside) and/or
 * patterns every answer must match. Names compare without case and trailing dot; TXT quotes are dropped.
 */
final class DnsExpectation
{
    private final Map<String, List<String>> expected;
    private final Map<String, List<Pattern>> patterns;

    DnsExpectation(Map<String, List<String>> expected, Map<String, List<String>> patterns)
    {
        this.expected = normalizedKeys(requireNonNull(expected, "expected is null"));
        this.patterns = normalizedKeys(requireNonNull(patterns, "patterns is null")).entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> entry.getValue().stream().map(Pattern::compile).toList()));
    }

    /** Empty when the answers fit (or nothing is expected); otherwise why not, on one line. */
    Optional<String> mismatch(String name, String type, List<String> answers)
    {
        List<String> values = lookup(expected, name, type);
        List<Pattern> wanted = lookup(patterns, name, type);
        Set<String> got = answers.stream().map(DnsExpectation::normalize).collect(Collectors.toCollection(TreeSet::new));
        if (values != null) {
            Set<String> want = values.stream().map(DnsExpectation::normalize).collect(Collectors.toCollection(TreeSet::new));
            if (!want.equals(got)) {
                return Optional.of("answers " + got + " are not the expected " + want);
            }
        }
        if (wanted != null) {
            if (got.isEmpty()) {
                return Optional.of("no " + type + " answer to match " + wanted);
            }
            for (String answer : got) {
                if (wanted.stream().noneMatch(pattern -> pattern.matcher(answer).matches())) {
                    return Optional.of("answer " + answer + " matches none of " + wanted);
                }
            }
        }
        return Optional.empty();
    }

    private static <V> V lookup(Map<String, V> map, String name, String type)
    {
        String key = key(name);
        V specific = map.get(key + "/" + type.toUpperCase(Locale.ROOT));
        return specific != null ? specific : map.get(key);
    }

    private static <V> Map<String, V> normalizedKeys(Map<String, V> map)
    {
        return map.entrySet().stream().collect(Collectors.toUnmodifiableMap(entry -> normalizeKey(entry.getKey()), Map.Entry::getValue, (a, b) -> a));
    }

    private static String normalizeKey(String key)
    {
        int slash = key.lastIndexOf('/');
        return slash < 0 ? key(key) : key(key.substring(0, slash)) + "/" + key.substring(slash + 1).trim().toUpperCase(Locale.ROOT);
    }

    static String key(String name)
    {
        String trimmed = name.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    /** {@code "v=spf1 -all"} → {@code v=spf1 -all}; {@code Mail.Example.} → {@code mail.example}. */
    static String normalize(String data)
    {
        String text = data.trim();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"") && text.indexOf('"', 1) == text.length() - 1) {
            return text.substring(1, text.length() - 1);
        }
        text = text.toLowerCase(Locale.ROOT);
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
