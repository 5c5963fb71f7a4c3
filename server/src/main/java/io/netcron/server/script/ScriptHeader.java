package io.netcron.server.script;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A script's metadata: comment lines near its top of the form {@code # netcron: key = value}, one
 * key per line (values may hold spaces and commas, as schedules and descriptions do):
 * <pre>
 * #!/usr/bin/env bash
 * # netcron: name = backup-switch-configs
 * # netcron: description = Copies running configs to the backup share
 * # netcron: category = backup
 * # netcron: schedule = 0 2 * * *
 * # netcron: time_zone = Europe/Berlin
 * # netcron: max_runtime = 20m
 * # netcron: retries = 2
 * # netcron: credentials = switches, backup-share
 * </pre>
 * Keys accept {@code _} or {@code -}. {@code //} and {@code --} comments work too. Only the first
 * {@link #MAX_HEADER_BYTES} bytes are read.
 */
public record ScriptHeader(String shebang, Map<String, String> values)
{
    public static final int MAX_HEADER_BYTES = 16 * 1024;
    public static final List<String> KEYS = List.of("name", "description", "category", "schedule", "time_zone", "max_runtime", "retries",
            "retry_backoff", "credentials", "params", "concurrency", "misfire_policy");
    private static final Pattern LINE = Pattern.compile("^\\s*(?:#|//|--)\\s*netcron:\\s*([A-Za-z_-]+)\\s*[=:]\\s*(.*?)\\s*$");

    public ScriptHeader
    {
        values = Map.copyOf(requireNonNull(values, "values is null"));
    }

    public static ScriptHeader read(Path file)
            throws IOException
    {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(MAX_HEADER_BYTES);
        }
        return parse(new String(head, StandardCharsets.UTF_8).lines().toList());
    }

    /** Unknown keys are kept so discovery can report them. */
    public static ScriptHeader parse(List<String> lines)
    {
        String shebang = !lines.isEmpty() && lines.getFirst().startsWith("#!") ? lines.getFirst().substring(2).trim() : null;
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher matcher = LINE.matcher(line);
            if (matcher.matches()) {
                values.put(matcher.group(1).toLowerCase(Locale.ROOT).replace('-', '_'), matcher.group(2));
            }
        }
        return new ScriptHeader(shebang, values);
    }

    public Optional<String> shebangLine()
    {
        return Optional.ofNullable(shebang);
    }

    public boolean present()
    {
        return !values.isEmpty();
    }

    public Optional<String> get(String key)
    {
        return Optional.ofNullable(values.get(key)).filter(value -> !value.isBlank());
    }

    public List<String> unknownKeys()
    {
        return values.keySet().stream().filter(key -> !KEYS.contains(key)).sorted().toList();
    }

    /** The {@code credentials} value: names separated by commas or spaces. */
    public List<String> credentials()
    {
        List<String> names = new ArrayList<>();
        get("credentials").ifPresent(text -> {
            for (String name : text.split("[,\\s]+")) {
                if (!name.isEmpty() && !names.contains(name)) {
                    names.add(name);
                }
            }
        });
        return names;
    }
}
