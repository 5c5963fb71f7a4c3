package io.netcron.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.netcron.bench.Contender.Firing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * netcron against Quartz clusters wired by hand (Quartz's defaults, and hand-tuned), measured in the
 * same run on the same PostgreSQL server (a fresh database each), three node JVMs each, one after the
 * other. {@code -Dbench.scenario} picks what is measured (see {@link Scenarios}): {@code steady} (N jobs due
 * every second), {@code burst} (N jobs all due at second 0 of each minute), {@code overload} (twice a
 * given capacity for 30 s, then a normal load) and {@code idle} (start-up to first firing, then idle
 * RSS and CPU with 1,000 jobs defined). {@code -Dbench.contenders} (default
 * {@code netcron,quartz-defaults,quartz-tuned}) picks the sides. Every scenario runs
 * {@code pgbench -N -c 4} before and after the sides (the machine's speed in that run) and reports,
 * besides its own figures, PostgreSQL commits ({@code pg_stat_database.xact_commit} of the side's
 * own database) and the node JVMs' CPU time ({@code /proc/<pid>/stat}).
 * <p>
 * Settings: -Dbench.jobs, -Dbench.seconds (measured window of steady, default 30), -Dbench.warmup (default 0),
 * -Dbench.duration-ms (each firing's sleep; default 10 for steady, 0 otherwise), -Dbench.failover (steady only, default true),
 * -Dbench.bursts (default 2), -Dbench.capacity and -Dbench.normal (overload: due/s taken as capacity, default 100, and the
 * load after it, default half), -Dbench.overload-seconds (default 30), -Dbench.idle-seconds (default 60),
 * -Dbench.pgbench-seconds (default 10; 0 = no pgbench), -Dnetcron.node.jvm-options (the node JVMs' flags),
 * -Dbench.netcron-remove (delete, the default, or disable: how the netcron sides take jobs away, as the Quartz sides delete theirs).
 */
public final class ClusterBenchmark
{
    static final int NODES = 3;
    private static final String SCENARIO = System.getProperty("bench.scenario", "steady");
    private static final String CONTENDERS = System.getProperty("bench.contenders", "netcron,quartz-defaults,quartz-tuned");

    private ClusterBenchmark() {}

    /** One figure of one side: a stable key (results JSON), a label (the printed table) and its value. */
    record Metric(String key, String label, Object value) {}

    public static void main(String[] args)
            throws IOException
    {
        Scenarios.Scenario scenario = Scenarios.named(SCENARIO);
        System.out.printf("netcron cluster benchmark, scenario %s: %s; %d nodes per side%n", SCENARIO, scenario.description(), NODES);
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, load average " + loadBefore);
        Optional<String> pgbenchBefore = PgBench.run();
        pgbenchBefore.ifPresent(tps -> System.out.println("pgbench -N -c 4 (before): " + tps + " TPS"));

        Map<String, List<Metric>> results = new LinkedHashMap<>();
        Map<String, String> keys = new LinkedHashMap<>();
        for (String name : CONTENDERS.split(",")) {
            try (Contender contender = contender(name.trim())) {
                keys.put(contender.label(), contender.key());
                try {
                    results.put(contender.label(), scenario.run(contender));
                }
                catch (RuntimeException e) {
                    log(contender, "failed: " + e);
                    results.put(contender.label(), List.of(new Metric("error", "error", String.valueOf(e.getMessage()))));
                }
            }
        }

        String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
        Optional<String> pgbenchAfter = PgBench.run();
        pgbenchAfter.ifPresent(tps -> System.out.println("pgbench -N -c 4 (after): " + tps + " TPS"));
        printTable(results);
        System.out.println(scenario.notes());
        System.out.printf("pgbench -N -c 4 -j 2: %s TPS before, %s TPS after; load average before %s, after %s%n",
                pgbenchBefore.orElse("-"), pgbenchAfter.orElse("-"), loadBefore, loadAfter);
        Path file = writeJson(scenario, results, keys, pgbenchBefore, pgbenchAfter, loadBefore, loadAfter);
        System.out.println("Results: " + file.toAbsolutePath());
        System.exit(0); // the embedded PostgreSQL's and Quartz's non-daemon threads
    }

    private static Contender contender(String name)
    {
        return switch (name) {
            case "quartz-defaults" -> new QuartzContender(false);
            case "quartz-tuned" -> new QuartzContender(true);
            // netcron with other settings: netcron-1p (one scheduler name, as before partitions), netcron-4p, netcron-30t (threads), ...
            default -> NetcronContender.named(name).orElseThrow(() -> new IllegalArgumentException("unknown contender '" + name
                    + "' (netcron, netcron-<partitions>p such as netcron-1p, netcron-<threads>t such as netcron-30t, quartz-defaults, quartz-tuned)"));
        };
    }

    private static void printTable(Map<String, List<Metric>> results)
    {
        Set<String> labels = new LinkedHashSet<>();
        results.values().forEach(metrics -> metrics.forEach(metric -> labels.add(metric.label())));
        StringBuilder format = new StringBuilder("%-46s");
        results.keySet().forEach(side -> format.append(" %22s"));
        format.append("%n");
        System.out.println();
        List<Object> header = new ArrayList<>();
        header.add("metric");
        header.addAll(results.keySet());
        System.out.printf(format.toString(), header.toArray());
        System.out.println("-".repeat(46 + 23 * results.size()));
        for (String label : labels) {
            List<Object> row = new ArrayList<>();
            row.add(label);
            results.values().forEach(metrics -> row.add(metrics.stream().filter(metric -> metric.label().equals(label)).map(Metric::value).findFirst().orElse("")));
            System.out.printf(format.toString(), row.toArray());
        }
        System.out.println();
    }

    private static Path writeJson(Scenarios.Scenario scenario, Map<String, List<Metric>> results, Map<String, String> keys,
            Optional<String> pgbenchBefore, Optional<String> pgbenchAfter, String loadBefore, String loadAfter)
            throws IOException
    {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("date", LocalDate.now().toString());
        document.put("scenario", SCENARIO);
        document.put("description", scenario.description());
        document.put("machine", Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java " + Runtime.version());
        document.put("nodes", NODES);
        document.put("pgbench_tps_before", pgbenchBefore.orElse(null));
        document.put("pgbench_tps_after", pgbenchAfter.orElse(null));
        document.put("load_average_before", loadBefore);
        document.put("load_average_after", loadAfter);
        document.put("settings", scenario.settings());
        results.forEach((label, metrics) -> {
            Map<String, Object> side = new LinkedHashMap<>();
            metrics.forEach(metric -> side.put(metric.key(), metric.value()));
            document.put(keys.get(label), side);
        });
        Path file = Path.of("target", "results-" + SCENARIO + ".json");
        Files.createDirectories(file.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), document);
        return file;
    }

    /** Polls {@code condition} every 250 ms until it yields a value, or fails after {@code timeout}. */
    static <T> T await(String what, Duration timeout, Supplier<Optional<T>> condition)
    {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<T> value = condition.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
            }
            sleepUntil(Instant.now().plusMillis(250));
        }
    }

    /** {@link #await}, but only logs when the time is up. */
    static boolean awaitQuietly(Contender contender, String what, Duration timeout, Supplier<Boolean> condition)
    {
        try {
            await(what, timeout, () -> condition.get() ? Optional.of(true) : Optional.empty());
            return true;
        }
        catch (IllegalStateException e) {
            log(contender, "not yet after " + timeout.toSeconds() + " s: " + what + "; going on");
            return false;
        }
    }

    static void sleepUntil(Instant time)
    {
        try {
            long millis = Duration.between(Instant.now(), time).toMillis();
            if (millis > 0) {
                Thread.sleep(millis);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void log(Contender contender, String message)
    {
        System.out.printf("[%s] %s: %s%n", Instant.now().truncatedTo(ChronoUnit.MILLIS), contender.label(), message);
    }

    static List<Firing> scheduledIn(List<Firing> firings, Instant from, Instant to)
    {
        return firings.stream().filter(firing -> firing.scheduledMs() >= from.toEpochMilli() && firing.scheduledMs() < to.toEpochMilli()).toList();
    }

    static List<Firing> startedIn(List<Firing> firings, Instant from, Instant to)
    {
        return firings.stream().filter(firing -> firing.startedMs() >= from.toEpochMilli() && firing.startedMs() < to.toEpochMilli()).toList();
    }
}
