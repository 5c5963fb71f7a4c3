package io.netcron.server.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;
import io.netcron.job.JobParams;
import io.netcron.job.JobSpec;
import io.netcron.job.NetcronJob;
import io.netcron.server.config.Settings;
import io.netcron.server.schedule.Schedules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds {@link JobSpec} classes: everything under {@code io.netcron} on the class path (the
 * {@code jobs/} module) plus every jar in the plugin directory. Nothing to register.
 */
public final class JobDiscovery
{
    private static final Logger log = LoggerFactory.getLogger(JobDiscovery.class);
    private static final String BUILT_IN_PACKAGE = "io.netcron";
    private static final ObjectMapper JSON = new ObjectMapper();

    private JobDiscovery() {}

    public static JobCatalog discover(Optional<Path> pluginDirectory)
    {
        List<String> problems = new ArrayList<>();
        Map<String, JobType> types = new LinkedHashMap<>();
        List<ClassLoader> pluginLoaders = new ArrayList<>();
        try (ScanResult scan = new ClassGraph().enableAnnotationInfo().acceptPackages(BUILT_IN_PACKAGE).scan()) {
            collect(scan, types, problems);
        }
        pluginDirectory.ifPresent(directory -> scanPlugins(directory, types, problems).ifPresent(pluginLoaders::add));
        if (!problems.isEmpty()) {
            throw new JobDiscoveryException(problems);
        }
        log.info("Discovered {} job types: {}", types.size(), types.keySet());
        return new JobCatalog(types.values(), pluginLoaders);
    }

    private static Optional<ClassLoader> scanPlugins(Path directory, Map<String, JobType> types, List<String> problems)
    {
        if (!Files.isDirectory(directory)) {
            log.warn("Plugin directory {} does not exist; no plugin jobs loaded", directory);
            return Optional.empty();
        }
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path jar : files.filter(file -> file.toString().endsWith(".jar")).sorted().toList()) {
                jars.add(jar.toUri().toURL());
            }
        }
        catch (IOException e) {
            problems.add("plugin directory " + directory + " cannot be read: " + e.getMessage());
            return Optional.empty();
        }
        if (jars.isEmpty()) {
            return Optional.empty();
        }
        // the loader lives as long as the node: plugin classes run until shutdown
        URLClassLoader loader = new URLClassLoader(jars.toArray(URL[]::new), JobDiscovery.class.getClassLoader());
        try (ScanResult scan = new ClassGraph().enableAnnotationInfo().overrideClassLoaders(loader).ignoreParentClassLoaders().scan()) {
            collect(scan, types, problems);
        }
        log.info("Scanned {} plugin jars in {}", jars.size(), directory);
        return Optional.of(loader);
    }

    private static void collect(ScanResult scan, Map<String, JobType> types, List<String> problems)
    {
        for (ClassInfo info : scan.getClassesWithAnnotation(JobSpec.class)) {
            if (info.isAbstract() || info.isInterface()) {
                continue;
            }
            Class<?> loaded = info.loadClass();
            if (!NetcronJob.class.isAssignableFrom(loaded)) {
                problems.add(info.getName() + ": annotated with @JobSpec but does not implement NetcronJob");
                continue;
            }
            @SuppressWarnings("unchecked")
            Class<? extends NetcronJob> jobClass = (Class<? extends NetcronJob>) loaded;
            fromAnnotation(jobClass, problems).ifPresent(type -> {
                JobType previous = types.putIfAbsent(type.name(), type);
                if (previous != null && !previous.implementation().equals(type.implementation())) {
                    problems.add("job name '" + type.name() + "' is declared twice: " + previous.implementation() + " and " + type.implementation());
                }
            });
        }
    }

    /** Reads and validates one class's annotation; each bad value becomes a readable problem. */
    public static Optional<JobType> fromAnnotation(Class<? extends NetcronJob> jobClass, List<String> problems)
    {
        JobSpec spec = jobClass.getAnnotation(JobSpec.class);
        String where = jobClass.getName() + " (job '" + spec.name() + "')";
        int before = problems.size();
        if (!spec.name().matches("[A-Za-z0-9][A-Za-z0-9_.:@-]{0,199}")) {
            problems.add(where + ": name must be letters, digits and _.:@-");
        }
        Optional<String> schedule = Optional.of(spec.schedule().trim()).filter(value -> !value.isEmpty());
        schedule.ifPresent(value -> Schedules.validate(value).ifPresent(error -> problems.add(where + ": schedule: " + error)));
        try {
            ZoneId.of(spec.timeZone());
        }
        catch (DateTimeException e) {
            problems.add(where + ": unknown time zone '" + spec.timeZone() + "'");
        }
        Duration maxRuntime = duration(spec.maxRuntime(), where + ": maxRuntime", problems);
        Duration backoff = duration(spec.retryBackoff(), where + ": retryBackoff", problems);
        if (spec.maxRetries() < 0) {
            problems.add(where + ": maxRetries must not be negative");
        }
        String paramsJson = defaultParams(spec, where, problems);
        if (problems.size() > before) {
            return Optional.empty();
        }
        JobDefaults defaults = new JobDefaults(spec.category(), spec.description(), schedule, spec.timeZone(), maxRuntime, spec.maxRetries(),
                backoff, spec.misfirePolicy(), spec.concurrency(), spec.recoverable(), spec.isolated(), paramsJson);
        return Optional.of(new JobType(spec.name(), JobKind.JAVA, jobClass.getName(), jobClass, defaults));
    }

    /** The params written at first discovery: the params record's Java defaults, or the untyped JSON string. */
    private static String defaultParams(JobSpec spec, String where, List<String> problems)
    {
        if (spec.paramsType() != Void.class) {
            if (!"{}".equals(spec.params().replace(" ", ""))) {
                problems.add(where + ": declare default params in " + spec.paramsType().getSimpleName() + ", not also as a JSON string");
                return "{}";
            }
            try {
                return JSON.writeValueAsString(JobParams.defaults(spec.paramsType()));
            }
            catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
                problems.add(where + ": params type " + spec.paramsType().getName() + " cannot be bound from its defaults: " + e.getMessage());
                return "{}";
            }
        }
        try {
            JsonNode params = JSON.readTree(spec.params());
            if (params == null || !params.isObject()) {
                problems.add(where + ": params must be a JSON object");
            }
        }
        catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            problems.add(where + ": params is not valid JSON: " + e.getOriginalMessage());
        }
        return spec.params();
    }

    private static Duration duration(String text, String what, List<String> problems)
    {
        Optional<Duration> parsed = Settings.parseDuration(text);
        if (parsed.isEmpty() || parsed.get().isNegative()) {
            problems.add(what + " must be a duration such as 30m or PT30M, got '" + text + "'");
            return Duration.ZERO;
        }
        return parsed.get();
    }
}
