package io.netcron.server.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netcron.job.Concurrency;
import io.netcron.job.MisfirePolicy;
import io.netcron.server.catalog.JobDefaults;
import io.netcron.server.catalog.JobKind;
import io.netcron.server.catalog.JobType;
import io.netcron.server.config.Settings;
import io.netcron.server.errors.Errors;
import io.netcron.server.schedule.Schedules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds script jobs in the scripts directory: files with a {@link ScriptHeader}, old-framework
 * {@code BaseTask} modules (run through the Python shim, overrides from {@code config/schedules.yml}),
 * and other executables or top-level {@code .py}/{@code .sh} files (named after the file, no schedule).
 * A job's {@code implementation} is its path relative to the scripts directory, with {@code /}.
 * A script that cannot be read is skipped with a problem, never stopping the node.
 */
public final class ScriptDiscovery
{
    private static final Logger log = LoggerFactory.getLogger(ScriptDiscovery.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEFAULT_MAX_RUNTIME = Duration.ofMinutes(30);
    private static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(30);
    private static final int MAX_DEPTH = 8;
    private static final long MAX_PYTHON_SOURCE = 2 * 1024 * 1024;
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("__pycache__", "automation_core", "config", "tests", "test", "venv", "node_modules", "site-packages", "lib", "docs");
    /** The old framework's own entry points: replaced by netcron, not jobs. */
    public static final Set<String> FRAMEWORK_FILES = Set.of("scheduler_entrypoint.py", "task_entrypoint.py", "manage_tasks.py", "setup.py", "__init__.py", "conftest.py");

    /** What was found: jobs, scripts skipped (with why) and notes on what was mapped only in part. */
    public record Result(List<JobType> types, List<String> problems, List<String> notes) {}

    private ScriptDiscovery() {}

    public static Result discover(Path directory)
    {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, JobType> types = new LinkedHashMap<>();
        if (!Files.isDirectory(directory)) {
            log.info("Scripts directory {} does not exist; no script jobs", directory);
            return new Result(List.of(), problems, notes);
        }
        LegacySchedules schedules;
        try {
            schedules = LegacySchedules.find(directory);
        }
        catch (IOException | RuntimeException e) {
            problems.add("config/schedules.yml cannot be read: " + Errors.firstLine(e));
            schedules = LegacySchedules.NONE;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory, MAX_DEPTH)) {
            files = walk.filter(Files::isRegularFile).filter(file -> !skipped(directory, file)).sorted().toList();
        }
        catch (IOException | RuntimeException e) {
            problems.add("scripts directory " + directory + " cannot be read: " + e.getMessage());
            return new Result(List.of(), problems, notes);
        }
        for (Path file : files) {
            String implementation = directory.relativize(file).toString().replace('\\', '/');
            try {
                fromFile(directory, file, implementation, schedules, problems, notes).ifPresent(type -> {
                    JobType previous = types.putIfAbsent(type.name(), type);
                    if (previous != null) {
                        problems.add(implementation + ": job name '" + type.name() + "' is already used by " + previous.implementation()
                                + "; give it another with '# netcron: name = ...'");
                    }
                });
            }
            catch (IOException | RuntimeException e) {
                problems.add(implementation + ": cannot be read: " + e.getMessage());
            }
        }
        problems.forEach(problem -> log.warn("Script not discovered: {}", problem));
        log.info("Discovered {} script jobs in {}", types.size(), directory);
        return new Result(List.copyOf(types.values()), problems, notes);
    }

    private static boolean skipped(Path root, Path file)
    {
        Path relative = root.relativize(file);
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            String part = relative.getName(i).toString();
            if (part.startsWith(".") || SKIPPED_DIRECTORIES.contains(part)) {
                return true;
            }
        }
        String name = file.getFileName().toString();
        return name.startsWith(".") || FRAMEWORK_FILES.contains(name) || name.endsWith(".pyc") || name.endsWith(".md") || name.endsWith(".txt")
                || name.endsWith(".yml") || name.endsWith(".yaml") || name.endsWith(".ini") || name.endsWith(".json") || name.endsWith(".cfg");
    }

    private static Optional<JobType> fromFile(Path root, Path file, String implementation, LegacySchedules schedules, List<String> problems, List<String> notes)
            throws IOException
    {
        ScriptHeader header = ScriptHeader.read(file);
        boolean python = implementation.endsWith(".py");
        if (header.present()) {
            return fromHeader(implementation, header, problems, notes);
        }
        if (python && Files.size(file) <= MAX_PYTHON_SOURCE) {
            Optional<BaseTaskSource> task = BaseTaskSource.read(file);
            if (task.isPresent()) {
                return fromBaseTask(implementation, task.get(), schedules, problems, notes);
            }
        }
        boolean topLevel = !implementation.contains("/");
        if (Files.isExecutable(file) || (topLevel && (python || implementation.endsWith(".sh")))) {
            String name = slug(file.getFileName().toString());
            JobDefaults defaults = defaults(category(implementation), "", Optional.empty(), "UTC", DEFAULT_MAX_RUNTIME, 0, "{}");
            return Optional.of(new JobType(name, JobKind.SCRIPT, implementation, ScriptJob.class, defaults));
        }
        return Optional.empty();
    }

    private static Optional<JobType> fromHeader(String implementation, ScriptHeader header, List<String> problems, List<String> notes)
    {
        int before = problems.size();
        String name = header.get("name").orElse(slug(Path.of(implementation).getFileName().toString()));
        checkName(implementation, name, problems);
        header.unknownKeys().forEach(key -> notes.add(implementation + ": unknown header key '" + key + "' ignored (known: " + String.join(", ", ScriptHeader.KEYS) + ")"));
        Optional<String> schedule = header.get("schedule").filter(value -> !value.equalsIgnoreCase("none"));
        schedule.ifPresent(value -> Schedules.validate(value).ifPresent(error -> problems.add(implementation + ": schedule: " + error)));
        String zone = header.get("time_zone").orElse("UTC");
        try {
            ZoneId.of(zone);
        }
        catch (DateTimeException e) {
            problems.add(implementation + ": unknown time zone '" + zone + "'");
        }
        Duration maxRuntime = header.get("max_runtime").map(text -> duration(implementation + ": max_runtime", text, problems)).orElse(DEFAULT_MAX_RUNTIME);
        Duration backoff = header.get("retry_backoff").map(text -> duration(implementation + ": retry_backoff", text, problems)).orElse(DEFAULT_BACKOFF);
        int retries = header.get("retries").map(text -> integer(implementation + ": retries", text, problems)).orElse(0);
        String params = header.get("params").orElse("{}");
        try {
            JsonNode parsed = JSON.readTree(params);
            if (parsed == null || !parsed.isObject()) {
                problems.add(implementation + ": params must be a JSON object");
            }
        }
        catch (IOException e) {
            problems.add(implementation + ": params is not valid JSON");
        }
        Concurrency concurrency = Concurrency.FORBID;
        MisfirePolicy misfire = MisfirePolicy.FIRE_ONCE_NOW;
        try {
            concurrency = header.get("concurrency").map(Concurrency::fromSqlName).orElse(Concurrency.FORBID);
            misfire = header.get("misfire_policy").map(MisfirePolicy::fromSqlName).orElse(MisfirePolicy.FIRE_ONCE_NOW);
        }
        catch (IllegalArgumentException e) {
            problems.add(implementation + ": " + e.getMessage());
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        JobDefaults defaults = new JobDefaults(header.get("category").orElse(category(implementation)), header.get("description").orElse(""), schedule, zone,
                maxRuntime, retries, backoff, misfire, concurrency, true, false, params);
        return Optional.of(new JobType(name, JobKind.SCRIPT, implementation, ScriptJob.class, defaults));
    }

    private static Optional<JobType> fromBaseTask(String implementation, BaseTaskSource task, LegacySchedules schedules, List<String> problems, List<String> notes)
    {
        Optional<String> declaredName = task.string("name");
        String name = declaredName.orElse(slug(Path.of(implementation).getFileName().toString()));
        if (declaredName.isEmpty()) {
            notes.add(implementation + ": class " + task.className() + " has no literal name; job named '" + name + "' after the file");
        }
        int before = problems.size();
        checkName(implementation, name, problems);
        task.unreadable().forEach(attribute -> notes.add(implementation + ": " + attribute + " not mapped"));
        Optional<LegacySchedules.Override> override = schedules.forTask(name);
        Optional<String> schedule = override.flatMap(LegacySchedules.Override::schedule).or(() -> task.string("default_schedule").or(() -> task.string("schedule")))
                .filter(value -> !value.isBlank());
        if (override.flatMap(LegacySchedules.Override::enabled).orElse(true) == Boolean.FALSE) {
            notes.add(implementation + ": disabled in schedules.yml; registered without a schedule");
            schedule = Optional.empty();
        }
        if (schedule.isPresent()) {
            Optional<String> error = Schedules.validate(schedule.get());
            if (error.isPresent()) {
                notes.add(implementation + ": schedule '" + schedule.get() + "' not mapped: " + error.get() + "; registered without a schedule");
                schedule = Optional.empty();
            }
        }
        long seconds = override.flatMap(LegacySchedules.Override::maxRuntimeSeconds).or(() -> task.number("max_runtime").or(() -> task.number("timeout")))
                .orElse(DEFAULT_MAX_RUNTIME.toSeconds());
        if (seconds <= 0) {
            notes.add(implementation + ": max_runtime " + seconds + " not mapped; default " + Settings.format(DEFAULT_MAX_RUNTIME));
            seconds = DEFAULT_MAX_RUNTIME.toSeconds();
        }
        int retries = override.flatMap(LegacySchedules.Override::retries)
                .or(() -> task.number("max_retries").or(() -> task.number("retries")).map(Long::intValue)).orElse(0);
        if (problems.size() > before) {
            return Optional.empty();
        }
        JobDefaults defaults = defaults(task.string("category").orElse(category(implementation)), task.string("description").orElse(""), schedule, "UTC",
                Duration.ofSeconds(seconds), Math.max(0, retries), "{}");
        return Optional.of(new JobType(name, JobKind.SCRIPT, implementation, ScriptJob.class, defaults));
    }

    private static JobDefaults defaults(String category, String description, Optional<String> schedule, String zone, Duration maxRuntime, int retries, String params)
    {
        return new JobDefaults(category, description, schedule, zone, maxRuntime, retries, DEFAULT_BACKOFF, MisfirePolicy.FIRE_ONCE_NOW, Concurrency.FORBID,
                true, false, params);
    }

    private static void checkName(String implementation, String name, List<String> problems)
    {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.:@-]{0,199}")) {
            problems.add(implementation + ": job name '" + name + "' must be letters, digits and _.:@-");
        }
    }

    /** {@code network/Backup Configs.sh} → {@code backup-configs}. */
    public static String slug(String fileName)
    {
        int dot = fileName.lastIndexOf('.');
        String base = dot > 0 ? fileName.substring(0, dot) : fileName;
        String slug = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]+", "-").replaceAll("^[^a-z0-9]+", "").replaceAll("-+$", "");
        return slug.isEmpty() ? "script" : slug;
    }

    /** The directory a script sits in ({@code scripts/network/x.py} → {@code network}), else {@code scripts}. */
    static String category(String implementation)
    {
        String[] parts = implementation.split("/");
        return parts.length >= 2 ? parts[parts.length - 2] : "scripts";
    }

    /** {@code 20m}, {@code PT20M}, or plain seconds as the old framework wrote them. */
    private static Duration duration(String what, String text, List<String> problems)
    {
        if (text.trim().matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(text.trim()));
        }
        Optional<Duration> parsed = Settings.parseDuration(text.trim());
        if (parsed.isEmpty() || parsed.get().isNegative() || parsed.get().isZero()) {
            problems.add(what + " must be a duration such as 30m, PT30M or seconds, got '" + text + "'");
            return DEFAULT_MAX_RUNTIME;
        }
        return parsed.get();
    }

    private static int integer(String what, String text, List<String> problems)
    {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 0) {
                return value;
            }
        }
        catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(what + " must be a whole number >= 0, got '" + text + "'");
        return 0;
    }
}
