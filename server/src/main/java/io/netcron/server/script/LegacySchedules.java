package io.netcron.server.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The old framework's {@code config/schedules.yml}: per-task overrides, by task name, either a cron
 * string or a mapping with {@code schedule} (or {@code cron}), {@code enabled}, {@code max_runtime}
 * (seconds) and {@code retries}; an optional top-level {@code schedules:} or {@code tasks:} wrapper.
 */
public record LegacySchedules(Path file, Map<String, Override> overrides)
{
    public record Override(Optional<String> schedule, Optional<Boolean> enabled, Optional<Long> maxRuntimeSeconds, Optional<Integer> retries) {}

    public static final LegacySchedules NONE = new LegacySchedules(null, Map.of());

    /** {@code config/schedules.yml} in {@code root} or its parent (when {@code root} is the old tree's {@code scripts/}). */
    public static LegacySchedules find(Path root)
            throws IOException
    {
        for (Path candidate : List.of(root.resolve("config/schedules.yml"), root.resolve("config/schedules.yaml"),
                root.toAbsolutePath().getParent() == null ? root.resolve("config/schedules.yml") : root.toAbsolutePath().getParent().resolve("config/schedules.yml"))) {
            if (Files.isRegularFile(candidate)) {
                return read(candidate);
            }
        }
        return NONE;
    }

    public static LegacySchedules read(Path file)
            throws IOException
    {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        Map<String, Override> overrides = new LinkedHashMap<>();
        if (root == null || !root.isObject()) {
            return new LegacySchedules(file, overrides);
        }
        JsonNode tasks = root.has("schedules") ? root.get("schedules") : root.has("tasks") ? root.get("tasks") : root;
        tasks.properties().forEach(entry -> {
            JsonNode value = entry.getValue();
            if (value.isTextual() || value.isNull()) {
                overrides.put(entry.getKey(), new Override(Optional.of(value.asText("")), Optional.empty(), Optional.empty(), Optional.empty()));
            }
            else if (value.isObject()) {
                JsonNode schedule = value.has("schedule") ? value.get("schedule") : value.get("cron");
                overrides.put(entry.getKey(), new Override(
                        Optional.ofNullable(schedule).map(node -> node.asText("")),
                        Optional.ofNullable(value.get("enabled")).map(JsonNode::asBoolean),
                        Optional.ofNullable(value.has("max_runtime") ? value.get("max_runtime") : value.get("timeout")).filter(JsonNode::canConvertToLong).map(JsonNode::asLong),
                        Optional.ofNullable(value.has("retries") ? value.get("retries") : value.get("max_retries")).filter(JsonNode::canConvertToInt).map(JsonNode::asInt)));
            }
        });
        return new LegacySchedules(file, overrides);
    }

    public Optional<Override> forTask(String name)
    {
        return Optional.ofNullable(overrides.get(name));
    }
}
