package io.netcron.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A systemd unit file and an environment file, read the way systemd reads the parts we use. */
final class SystemdUnit
{
    private final Map<String, List<String>> service;

    private SystemdUnit(Map<String, List<String>> service)
    {
        this.service = service;
    }

    static SystemdUnit read(Path file)
    {
        Map<String, List<String>> service = new LinkedHashMap<>();
        String section = "";
        for (String line : lines(file)) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#") || text.startsWith(";")) {
                continue;
            }
            if (text.startsWith("[")) {
                section = text;
                continue;
            }
            int equals = text.indexOf('=');
            if (section.equals("[Service]") && equals > 0) {
                service.computeIfAbsent(text.substring(0, equals).strip(), key -> new ArrayList<>()).add(text.substring(equals + 1).strip());
            }
        }
        return new SystemdUnit(service);
    }

    /** The last value of a [Service] setting (systemd: later assignments win). */
    Optional<String> value(String key)
    {
        List<String> values = service.getOrDefault(key, List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(values.getLast());
    }

    String required(String key)
    {
        return value(key).orElseThrow(() -> new AssertionError("the unit has no " + key + "="));
    }

    /** ExecStart split into words (our unit uses no quoting). */
    List<String> execStart()
    {
        return List.of(required("ExecStart").split("\\s+"));
    }

    /** KEY=VALUE lines of an EnvironmentFile: comments and blank lines skipped, surrounding quotes removed. */
    static Map<String, String> environmentFile(Path file)
    {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String line : lines(file)) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#") || text.startsWith(";")) {
                continue;
            }
            int equals = text.indexOf('=');
            if (equals <= 0) {
                throw new AssertionError(file + ": not KEY=VALUE: " + text);
            }
            String value = text.substring(equals + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            environment.put(text.substring(0, equals).strip(), value);
        }
        return environment;
    }

    private static List<String> lines(Path file)
    {
        try {
            return Files.readAllLines(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
