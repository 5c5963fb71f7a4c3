package io.netcron.server.script;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The metadata of an old-framework task module: the class attributes of a {@code BaseTask}
 * subclass ({@code name}, {@code description}, {@code category}, {@code default_schedule},
 * {@code max_runtime} in seconds, {@code retries}/{@code max_retries}), read from the source text
 * and never executed. Only literal values are understood (strings, numbers, None); anything else
 * is reported as not mapped.
 */
public record BaseTaskSource(String className, Map<String, Object> attributes, List<String> credentials, List<String> unreadable)
{
    private static final Pattern CLASS = Pattern.compile("^class\\s+(\\w+)\\s*\\(([^)]*\\bBaseTask\\b[^)]*)\\)\\s*:", Pattern.MULTILINE);
    private static final Pattern ATTRIBUTE = Pattern.compile("^([ \\t]+)(\\w+)\\s*(?::\\s*[\\w\\[\\], .]+)?=\\s*(.+?)\\s*$");
    private static final Pattern GET_CREDENTIAL = Pattern.compile("get_credential\\(\\s*['\"]([^'\"]+)['\"]");
    private static final List<String> KNOWN = List.of("name", "description", "category", "default_schedule", "schedule", "max_runtime", "timeout", "retries", "max_retries");

    public BaseTaskSource
    {
        requireNonNull(className, "className is null");
        attributes = Map.copyOf(attributes);
        credentials = List.copyOf(credentials);
        unreadable = List.copyOf(unreadable);
    }

    /** The first {@code BaseTask} subclass in the file, or empty when there is none. */
    public static Optional<BaseTaskSource> read(Path file)
            throws IOException
    {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    public static Optional<BaseTaskSource> parse(String source)
    {
        Matcher header = CLASS.matcher(source);
        if (!header.find()) {
            return Optional.empty();
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        String body = source.substring(header.end());
        String indent = null;
        for (String line : body.lines().toList()) {
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                break; // the class body ended
            }
            Matcher attribute = ATTRIBUTE.matcher(line);
            String lineIndent = line.substring(0, line.length() - line.stripLeading().length());
            if (indent == null) {
                indent = lineIndent;
            }
            if (!lineIndent.equals(indent) || !attribute.matches() || !KNOWN.contains(attribute.group(2))) {
                continue;
            }
            Optional<Object> value = literal(attribute.group(3));
            if (value.isPresent()) {
                attributes.put(attribute.group(2), value.get());
            }
            else {
                unreadable.add(attribute.group(2) + " = " + attribute.group(3) + " (not a literal)");
            }
        }
        List<String> credentials = new ArrayList<>();
        Matcher credential = GET_CREDENTIAL.matcher(source);
        while (credential.find()) {
            if (!credentials.contains(credential.group(1))) {
                credentials.add(credential.group(1));
            }
        }
        return Optional.of(new BaseTaskSource(header.group(1), attributes, credentials, unreadable));
    }

    /** A Python literal: a quoted string, an int or float, None, True/False; else empty. A trailing comment is ignored. */
    static Optional<Object> literal(String text)
    {
        String value = text.trim();
        if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')) {
            char quote = value.charAt(0);
            int end = value.indexOf(quote, 1);
            while (end > 0 && value.charAt(end - 1) == '\\') {
                end = value.indexOf(quote, end + 1);
            }
            if (end < 0 || !value.substring(end + 1).replaceFirst("#.*", "").isBlank()) {
                return Optional.empty();
            }
            return Optional.of(value.substring(1, end).replace("\\" + quote, String.valueOf(quote)));
        }
        value = value.replaceFirst("\\s*#.*$", "");
        if (value.equals("None")) {
            return Optional.of("");
        }
        if (value.matches("-?\\d+(_\\d+)*")) {
            return Optional.of(Long.parseLong(value.replace("_", "")));
        }
        if (value.matches("-?\\d+\\.\\d*")) {
            return Optional.of(Double.parseDouble(value));
        }
        if (value.matches("[\\d\\s*+]+") && value.contains("*")) {
            long product = 1;
            for (String factor : value.split("\\*")) {
                product *= Long.parseLong(factor.trim());
            }
            return Optional.of(product); // max_runtime = 2 * 3600
        }
        return Optional.empty();
    }

    public Optional<String> string(String key)
    {
        return Optional.ofNullable(attributes.get(key)).map(Object::toString).filter(value -> !value.isBlank());
    }

    public Optional<Long> number(String key)
    {
        Object value = attributes.get(key);
        if (value instanceof Long number) {
            return Optional.of(number);
        }
        if (value instanceof Double number) {
            return Optional.of((long) Math.ceil(number));
        }
        return Optional.empty();
    }
}
