package io.netcron.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.netcron.bench.Contender.Firing;
import io.netcron.server.testing.Sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * netcron against a Quartz cluster wired by hand with Quartz's defaults, measured in the same run on
 * the same PostgreSQL server (a fresh database each), three node JVMs each: fire delay of N jobs
 * firing every second, how often each (job, second) ran, and the time from {@code kill -9} of the
 * node running a long recoverable job until the job starts again on a survivor.
 * Settings: -Dbench.jobs (default 50: jobs due every second), -Dbench.seconds (default 30: measured window),
 * -Dbench.warmup (seconds between every job having fired and the window, default 0), -Dbench.duration-ms (each
 * firing's sleep, default 10), -Dbench.failover (default true), -Dbench.pgbench-seconds (default 10; 0 = no pgbench).
 * Besides fire delays and pairs: achieved firings per second, PostgreSQL commits per second and per firing
 * ({@code pg_stat_database.xact_commit} of the contender's own database over the window), each node's share.
 */
public final class ClusterBenchmark
{
    static final int NODES = 3;
    private static final int JOBS = Integer.getInteger("bench.jobs", 50);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 0);
    private static final long DURATION_MS = Long.getLong("bench.duration-ms", 10);
    private static final boolean FAILOVER = Boolean.parseBoolean(System.getProperty("bench.failover", "true"));
    private static final String PREFIX = "b";
    private static final String LONG_JOB = "long-recoverable";
    private static final Path RESULTS = Path.of("target", "results.json");

    private ClusterBenchmark() {}

    /** What one contender measured. */
    record Figures(long p50, long p95, long p99, long max, long expectedPairs, long once, long twice, long moreThanTwice, long never, double failoverSeconds,
            double achievedPerSecond, long recordedMisses, double commitsPerSecond, double commitsPerFiring, String perNode) {}

    public static void main(String[] args)
            throws IOException
    {
        System.out.printf("netcron cluster benchmark: %d nodes each, %d jobs firing every second (sleep %d ms), %d s warm-up, %d s window%n",
                NODES, JOBS, DURATION_MS, WARMUP, SECONDS);
        System.out.println("machine: load average " + Files.readString(Path.of("/proc/loadavg")).trim());
        PgBench.run().ifPresent(tps -> System.out.println("pgbench -N -c 4: " + tps + " TPS"));
        Figures netcron = measure(new NetcronContender());
        Figures quartz = measure(new QuartzContender());
        List<Row> rows = rows(netcron, quartz);
        printTable(rows);
        writeJson(rows);
        System.exit(0); // the embedded PostgreSQL's and Quartz's non-daemon threads
    }

    private static Figures measure(Contender contender)
    {
        try (contender) {
            log(contender, "starting " + NODES + " nodes");
            contender.startNodes();
            contender.addEverySecondJobs(PREFIX, JOBS, DURATION_MS);
            log(contender, JOBS + " jobs added; waiting until each has fired");
            try {
                await("every job firing", Duration.ofSeconds(60), () ->
                        contender.firings(PREFIX).stream().map(Firing::job).distinct().count() == JOBS ? Optional.of(true) : Optional.empty());
            }
            catch (IllegalStateException e) {
                log(contender, "not every job has fired after 60 s (overloaded); measuring anyway");
            }
            Instant windowStart = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(3 + WARMUP);
            Instant windowEnd = windowStart.plusSeconds(SECONDS);
            log(contender, "measuring " + windowStart + " .. " + windowEnd);
            sleepUntil(windowStart);
            long commitsBefore = commits(contender);
            sleepUntil(windowEnd);
            long commits = commits(contender) - commitsBefore;
            sleepUntil(windowEnd.plusSeconds(10)); // late starts of the last seconds still count
            List<Firing> firings = contender.firings(PREFIX).stream()
                    .filter(firing -> firing.scheduledMs() >= windowStart.toEpochMilli() && firing.scheduledMs() < windowEnd.toEpochMilli())
                    .toList();
            List<Firing> startedInWindow = contender.firings(PREFIX).stream()
                    .filter(firing -> firing.startedMs() >= windowStart.toEpochMilli() && firing.startedMs() < windowEnd.toEpochMilli())
                    .toList();
            long started = startedInWindow.size();
            long recordedMisses = contender.recordedMisses(PREFIX, windowStart.toEpochMilli(), windowEnd.toEpochMilli());
            contender.removeEverySecondJobs(PREFIX, JOBS);
            Load load = new Load(started / (double) SECONDS, recordedMisses, commits / (double) SECONDS, started == 0 ? -1 : commits / (double) started, share(startedInWindow));
            if (!FAILOVER) {
                return summarize(firings, (long) JOBS * SECONDS, -1, load);
            }

            log(contender, "failover: a recoverable 60 s job, then kill -9 of its node");
            contender.addLongRecoverableJob(LONG_JOB, Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(3));
            String victim = await(LONG_JOB + " running", Duration.ofSeconds(90), () -> contender.nodeRunning(LONG_JOB));
            sleepUntil(Instant.now().plusSeconds(2));
            Instant killedAt = Instant.now();
            contender.kill(victim);
            Instant recovered = await(LONG_JOB + " recovered", Duration.ofSeconds(180), () -> contender.recoveryStart(LONG_JOB));
            double failover = Duration.between(killedAt, recovered).toMillis() / 1000.0;
            log(contender, "killed " + victim + "; job started again " + failover + " s later");
            return summarize(firings, (long) JOBS * SECONDS, failover, load);
        }
    }

    /** Started firings per second and PostgreSQL commits over the window. */
    record Load(double achievedPerSecond, long recordedMisses, double commitsPerSecond, double commitsPerFiring, String perNode) {}

    /** Each node's share of the firings started in the window. */
    private static String share(List<Firing> firings)
    {
        Map<String, Long> perNode = new java.util.TreeMap<>(firings.stream().collect(Collectors.groupingBy(Firing::node, Collectors.counting())));
        return perNode.entrySet().stream()
                .map(node -> node.getKey().replaceAll("^.*-", "n") + " " + Math.round(100.0 * node.getValue() / Math.max(1, firings.size())) + "%")
                .collect(Collectors.joining("/"));
    }

    /** The contender's database's commit counter (the statistics collector's view; flushed at least every second). */
    private static long commits(Contender contender)
    {
        return ((Number) Sql.value(contender.database(), "SELECT xact_commit FROM pg_stat_database WHERE datname = ?", contender.database().name())).longValue();
    }

    private static Figures summarize(List<Firing> firings, long expectedPairs, double failoverSeconds, Load load)
    {
        List<Long> delays = firings.stream().map(firing -> firing.startedMs() - firing.scheduledMs()).sorted().toList();
        Map<String, Long> perPair = firings.stream().collect(Collectors.groupingBy(firing -> firing.job() + "@" + firing.scheduledMs(), Collectors.counting()));
        perPair.entrySet().stream().filter(pair -> pair.getValue() > 1).limit(3).forEach(pair -> System.out.println("  ran more than once: " + firings.stream()
                .filter(firing -> (firing.job() + "@" + firing.scheduledMs()).equals(pair.getKey()))
                .map(firing -> firing.job() + " scheduled " + Instant.ofEpochMilli(firing.scheduledMs()) + " started " + Instant.ofEpochMilli(firing.startedMs()) + " on " + firing.node())
                .collect(Collectors.joining("; "))));
        long once = perPair.values().stream().filter(count -> count == 1).count();
        long twice = perPair.values().stream().filter(count -> count == 2).count();
        long more = perPair.values().stream().filter(count -> count > 2).count();
        return new Figures(percentile(delays, 50), percentile(delays, 95), percentile(delays, 99), delays.isEmpty() ? -1 : delays.getLast(),
                expectedPairs, once, twice, more, expectedPairs - perPair.size(), failoverSeconds,
                round(load.achievedPerSecond()), load.recordedMisses(), round(load.commitsPerSecond()), round(load.commitsPerFiring()), load.perNode());
    }

    private static double round(double value)
    {
        return Math.round(value * 10) / 10.0;
    }

    // nearest rank
    private static long percentile(List<Long> sorted, int percent)
    {
        if (sorted.isEmpty()) {
            return -1;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    record Row(String metric, String key, Object netcron, Object quartz) {}

    private static List<Row> rows(Figures netcron, Figures quartz)
    {
        List<Row> rows = new ArrayList<>();
        Function<Function<Figures, Object>, Object[]> both = field -> new Object[] {field.apply(netcron), field.apply(quartz)};
        add(rows, "achieved firings/s (starts in window)", "achieved_per_s", both.apply(Figures::achievedPerSecond));
        add(rows, "misses recorded (missed_fire)", "recorded_misses", both.apply(Figures::recordedMisses));
        add(rows, "PostgreSQL commits/s", "commits_per_s", both.apply(Figures::commitsPerSecond));
        add(rows, "PostgreSQL commits per firing", "commits_per_firing", both.apply(Figures::commitsPerFiring));
        add(rows, "per-node share (starts in window)", "per_node_share", both.apply(Figures::perNode));
        add(rows, "fire delay p50 (ms, start - scheduled)", "fire_delay_p50_ms", both.apply(Figures::p50));
        add(rows, "fire delay p95 (ms)", "fire_delay_p95_ms", both.apply(Figures::p95));
        add(rows, "fire delay p99 (ms)", "fire_delay_p99_ms", both.apply(Figures::p99));
        add(rows, "fire delay max (ms)", "fire_delay_max_ms", both.apply(Figures::max));
        add(rows, "(job, second) pairs scheduled", "pairs_scheduled", both.apply(Figures::expectedPairs));
        add(rows, "  ran exactly once", "pairs_once", both.apply(Figures::once));
        add(rows, "  ran twice", "pairs_twice", both.apply(Figures::twice));
        add(rows, "  ran 3+ times", "pairs_more_than_twice", both.apply(Figures::moreThanTwice));
        add(rows, "  not started by window end + 10 s", "pairs_never", both.apply(Figures::never));
        add(rows, "kill -9 to restart on survivor (s)", "failover_s", both.apply(Figures::failoverSeconds));
        return rows;
    }

    private static void add(List<Row> rows, String metric, String key, Object[] values)
    {
        rows.add(new Row(metric, key, values[0], values[1]));
    }

    private static void printTable(List<Row> rows)
    {
        String format = "%-40s %18s %18s%n";
        System.out.println();
        System.out.printf(format, "metric", "netcron", "Quartz defaults");
        System.out.println("-".repeat(78));
        rows.forEach(row -> System.out.printf(format, row.metric(), row.netcron(), row.quartz()));
        System.out.println();
        System.out.printf("""
                Both: %d node JVMs on one fresh database each, same PostgreSQL server, same machine, run one after the other.
                Fire delay: actual job start minus its scheduled fire time, over every execution of %d jobs (cron '* * * * * ?',
                  %d ms sleep) scheduled in a %d s window; pairs: each (job, scheduled second) in that window, by how often it ran.
                Failover: a recoverable job sleeping 60 s; its node is killed (SIGKILL) 2 s after it started; seconds from the
                  kill until it starts again on a survivor (netcron: job_run cause 'recovery'; Quartz: requestsRecovery, isRecovering).
                Quartz defaults: JobStoreTX + PostgreSQLDelegate, clustered, check-in 7.5 s, idle wait 30 s, batch 1, no
                  acquireTriggersWithinLock, 10 threads (Quartz's bundled value; netcron's default is also 10). netcron: all defaults.
                Not started = missed or still late 10 s after the window (netcron records misses in missed_fire and hands them to
                  the misfire policy; Quartz defaults run a misfired trigger once, late, and fall behind without limit). Commits: pg_stat_database.xact_commit of the contender's database over the window.
                Results: %s%n""", NODES, JOBS, DURATION_MS, SECONDS, RESULTS.toAbsolutePath());
    }

    private static void writeJson(List<Row> rows)
            throws IOException
    {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("date", LocalDate.now().toString());
        document.put("machine", Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java " + Runtime.version());
        document.put("nodes", NODES);
        document.put("jobs", JOBS);
        document.put("window_seconds", SECONDS);
        document.put("warmup_seconds", WARMUP);
        document.put("duration_ms", DURATION_MS);
        Map<String, Object> netcron = new LinkedHashMap<>();
        Map<String, Object> quartz = new LinkedHashMap<>();
        for (Row row : rows) {
            netcron.put(row.key(), row.netcron());
            quartz.put(row.key(), row.quartz());
        }
        document.put("netcron", netcron);
        document.put("quartz_defaults", quartz);
        Files.createDirectories(RESULTS.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(RESULTS.toFile(), document);
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

    private static void sleepUntil(Instant time)
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

    private static void log(Contender contender, String message)
    {
        System.out.printf("[%s] %s: %s%n", Instant.now().truncatedTo(ChronoUnit.MILLIS), contender.label(), message);
    }
}
