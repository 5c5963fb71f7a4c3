package io.netcron.server.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A strict parser for the Prometheus text exposition format 0.0.4: HELP/TYPE lines, samples with
 * escaped label values, float values; each family typed once before its samples, samples of a
 * family contiguous, no duplicate series, histogram buckets cumulative with a {@code +Inf} bucket
 * equal to {@code _count}. Anything else is an {@link IllegalArgumentException} naming the line.
 */
public final class PrometheusText
{
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    private final Map<String, Family> families;

    private PrometheusText(Map<String, Family> families)
    {
        this.families = families;
    }

    public record Sample(String name, Map<String, String> labels, double value) {}

    public record Family(String name, String type, String help, List<Sample> samples) {}

    public static PrometheusText parse(String text)
    {
        Map<String, Family> families = new LinkedHashMap<>();
        Map<String, String> helps = new HashMap<>();
        Set<String> closed = new HashSet<>();
        Set<String> series = new HashSet<>();
        String current = null;
        String[] lines = text.split("\n", -1);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("exposition must end with a line feed");
        }
        for (int number = 1; number <= lines.length; number++) {
            String line = lines[number - 1];
            if (line.isEmpty()) {
                continue;
            }
            try {
                if (line.startsWith("#")) {
                    String[] parts = line.split(" ", 4);
                    if (parts.length >= 3 && parts[1].equals("HELP")) {
                        requireName(parts[2]);
                        if (helps.put(parts[2], parts.length == 4 ? unescapeHelp(parts[3]) : "") != null) {
                            throw new IllegalArgumentException("second HELP for " + parts[2]);
                        }
                    }
                    else if (parts.length >= 3 && parts[1].equals("TYPE")) {
                        requireName(parts[2]);
                        if (parts.length != 4 || !TYPES.contains(parts[3])) {
                            throw new IllegalArgumentException("TYPE needs one of " + TYPES);
                        }
                        if (families.containsKey(parts[2])) {
                            throw new IllegalArgumentException("second TYPE for " + parts[2]);
                        }
                        if (current != null) {
                            closed.add(current);
                        }
                        current = parts[2];
                        families.put(current, new Family(current, parts[3], helps.get(current), new ArrayList<>()));
                    }
                    continue; // other comments are allowed
                }
                Sample sample = parseSample(line);
                String family = familyOf(sample.name(), families);
                if (family == null) {
                    throw new IllegalArgumentException("sample " + sample.name() + " has no TYPE line before it");
                }
                if (!family.equals(current)) {
                    if (closed.contains(family)) {
                        throw new IllegalArgumentException("samples of " + family + " are not contiguous");
                    }
                    if (current != null) {
                        closed.add(current);
                    }
                    current = family;
                }
                if (!series.add(sample.name() + new TreeMap<>(sample.labels()))) {
                    throw new IllegalArgumentException("duplicate series " + sample.name() + sample.labels());
                }
                families.get(family).samples().add(sample);
            }
            catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + number + ": " + e.getMessage() + ": " + line, e);
            }
        }
        families.values().forEach(PrometheusText::checkHistogram);
        return new PrometheusText(families);
    }

    public Map<String, Family> families()
    {
        return families;
    }

    public Optional<Family> family(String name)
    {
        return Optional.ofNullable(families.get(name));
    }

    /** The sum of the samples called {@code name} whose labels include {@code labels}; 0 when none. */
    public double sum(String name, Map<String, String> labels)
    {
        return families.values().stream()
                .flatMap(family -> family.samples().stream())
                .filter(sample -> sample.name().equals(name) && sample.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value)
                .sum();
    }

    private static String familyOf(String sampleName, Map<String, Family> families)
    {
        if (families.containsKey(sampleName)) {
            return sampleName;
        }
        for (String suffix : List.of("_bucket", "_count", "_sum", "_total", "_created")) {
            if (sampleName.endsWith(suffix)) {
                String base = sampleName.substring(0, sampleName.length() - suffix.length());
                Family family = families.get(base);
                if (family != null && switch (family.type()) {
                    case "histogram" -> !suffix.equals("_total");
                    case "summary" -> suffix.equals("_count") || suffix.equals("_sum") || suffix.equals("_created");
                    case "counter" -> suffix.equals("_total") || suffix.equals("_created");
                    default -> false;
                }) {
                    return base;
                }
            }
        }
        return null;
    }

    private static Sample parseSample(String line)
    {
        int index = 0;
        while (index < line.length() && line.charAt(index) != '{' && line.charAt(index) != ' ') {
            index++;
        }
        String name = line.substring(0, index);
        requireName(name);
        Map<String, String> labels = new LinkedHashMap<>();
        if (index < line.length() && line.charAt(index) == '{') {
            index++;
            while (true) {
                if (line.charAt(index) == '}') {
                    index++;
                    break;
                }
                int equals = line.indexOf('=', index);
                if (equals < 0) {
                    throw new IllegalArgumentException("label without '='");
                }
                String label = line.substring(index, equals);
                if (!LABEL_NAME.matcher(label).matches() || label.startsWith("__")) {
                    throw new IllegalArgumentException("bad label name '" + label + "'");
                }
                if (equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
                    throw new IllegalArgumentException("label value of " + label + " is not quoted");
                }
                StringBuilder value = new StringBuilder();
                index = equals + 2;
                while (true) {
                    if (index >= line.length()) {
                        throw new IllegalArgumentException("unterminated label value of " + label);
                    }
                    char c = line.charAt(index++);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        char escaped = line.charAt(index++);
                        value.append(switch (escaped) {
                            case '\\' -> '\\';
                            case '"' -> '"';
                            case 'n' -> '\n';
                            default -> throw new IllegalArgumentException("bad escape \\" + escaped + " in label " + label);
                        });
                    }
                    else {
                        value.append(c);
                    }
                }
                if (labels.put(label, value.toString()) != null) {
                    throw new IllegalArgumentException("label " + label + " twice");
                }
                char next = line.charAt(index);
                if (next == ',') {
                    index++;
                }
                else if (next != '}') {
                    throw new IllegalArgumentException("expected ',' or '}' after label " + label);
                }
            }
        }
        if (index >= line.length() || line.charAt(index) != ' ') {
            throw new IllegalArgumentException("expected a space before the value");
        }
        String[] rest = line.substring(index + 1).split(" ", -1);
        if (rest.length < 1 || rest.length > 2) {
            throw new IllegalArgumentException("expected a value and an optional timestamp");
        }
        double value = parseValue(rest[0]);
        if (rest.length == 2) {
            try {
                Long.parseLong(rest[1]);
            }
            catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad timestamp '" + rest[1] + "'");
            }
        }
        return new Sample(name, labels, value);
    }

    private static double parseValue(String text)
    {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                if (!text.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
                    throw new IllegalArgumentException("bad value '" + text + "'");
                }
                yield Double.parseDouble(text);
            }
        };
    }

    private static void checkHistogram(Family family)
    {
        if (!family.type().equals("histogram")) {
            return;
        }
        Map<Map<String, String>, List<Sample>> buckets = new LinkedHashMap<>();
        Map<Map<String, String>, Double> counts = new HashMap<>();
        for (Sample sample : family.samples()) {
            Map<String, String> labels = new TreeMap<>(sample.labels());
            if (sample.name().endsWith("_bucket")) {
                String le = labels.remove("le");
                if (le == null) {
                    throw new IllegalArgumentException(family.name() + ": bucket without le");
                }
                buckets.computeIfAbsent(labels, key -> new ArrayList<>()).add(sample);
            }
            else if (sample.name().endsWith("_count")) {
                counts.put(labels, sample.value());
            }
        }
        buckets.forEach((labels, series) -> {
            double previousBound = Double.NEGATIVE_INFINITY;
            double previousCount = 0;
            for (Sample bucket : series) {
                double bound = parseValue(bucket.labels().get("le"));
                if (bound <= previousBound || bucket.value() < previousCount) {
                    throw new IllegalArgumentException(family.name() + labels + ": buckets not ascending and cumulative");
                }
                previousBound = bound;
                previousCount = bucket.value();
            }
            if (previousBound != Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException(family.name() + labels + ": no +Inf bucket");
            }
            Double count = counts.get(labels);
            if (count == null || count != previousCount) {
                throw new IllegalArgumentException(family.name() + labels + ": _count " + count + " differs from the +Inf bucket " + previousCount);
            }
        });
    }

    private static void requireName(String name)
    {
        requireNonNull(name, "name is null");
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad metric name '" + name + "'");
        }
    }

    private static String unescapeHelp(String text)
    {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                if (i + 1 >= text.length()) {
                    throw new IllegalArgumentException("HELP ends in a lone backslash");
                }
                char escaped = text.charAt(++i);
                out.append(switch (escaped) {
                    case '\\' -> '\\';
                    case 'n' -> '\n';
                    default -> throw new IllegalArgumentException("bad escape \\" + escaped + " in HELP");
                });
            }
            else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
