package io.netcron.bench;

import io.netcron.bench.Contender.Firing;
import io.netcron.server.testing.Sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What is read around a window: commits, node CPU time, RSS, and the figures made of firings. */
final class Meters
{
    // USER_HZ: 100 on every Linux architecture netcron runs on (sysconf(_SC_CLK_TCK))
    private static final double TICKS_PER_SECOND = 100.0;

    private Meters() {}

    /** Commits and node CPU at one instant. */
    record Reading(long commits, long cpuTicks, long atNanos) {}

    static Reading read(Contender contender)
    {
        return new Reading(commits(contender), contender.nodePids().values().stream().mapToLong(Meters::cpuTicks).sum(), System.nanoTime());
    }

    /** Between two readings: commits, commits/s, node CPU seconds and cores used. */
    record Delta(long commits, double seconds, double cpuSeconds)
    {
        double commitsPerSecond()
        {
            return commits / seconds;
        }

        double cores()
        {
            return cpuSeconds / seconds;
        }
    }

    static Delta between(Reading before, Reading after)
    {
        return new Delta(after.commits() - before.commits(), (after.atNanos() - before.atNanos()) / 1e9, (after.cpuTicks() - before.cpuTicks()) / TICKS_PER_SECOND);
    }

    /** The contender's database's commit counter (the statistics collector's view; flushed at least every second). */
    static long commits(Contender contender)
    {
        for (int attempt = 1; ; attempt++) {
            try {
                return ((Number) Sql.value(contender.database(), "SELECT xact_commit FROM pg_stat_database WHERE datname = ?", contender.database().name())).longValue();
            }
            catch (IllegalStateException e) {
                // "too many clients": the server is shared with other builds; a moment later there is room
                if (attempt == 5) {
                    throw e;
                }
                ClusterBenchmark.sleepUntil(java.time.Instant.now().plusMillis(200L * attempt));
            }
        }
    }

    /** utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/pid/stat); 0 when it is gone. */
    static long cpuTicks(long pid)
    {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) is in parentheses and may hold spaces
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
        catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Resident set size in MiB (VmRSS of /proc/pid/status), -1 when unreadable. */
    static double rssMib(long pid)
    {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0)
                    .findFirst().orElse(-1.0);
        }
        catch (IOException e) {
            return -1;
        }
    }

    /** Each node's share of the firings, e.g. "n1 33%/n2 34%/n3 33%". */
    static String share(List<Firing> firings)
    {
        Map<String, Long> perNode = new TreeMap<>(firings.stream().collect(Collectors.groupingBy(Firing::node, Collectors.counting())));
        return perNode.entrySet().stream()
                .map(node -> node.getKey().replaceAll("^.*-", "n") + " " + Math.round(100.0 * node.getValue() / Math.max(1, firings.size())) + "%")
                .collect(Collectors.joining("/"));
    }

    /** Nearest-rank percentile of start delays (ms), -1 when there are none. */
    static long percentile(List<Long> sorted, int percent)
    {
        if (sorted.isEmpty()) {
            return -1;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    static List<Long> sortedDelays(List<Firing> firings)
    {
        return firings.stream().map(Firing::delayMs).sorted().toList();
    }

    static double round(double value)
    {
        return Math.round(value * 10) / 10.0;
    }

    static double round2(double value)
    {
        return Math.round(value * 100) / 100.0;
    }
}
