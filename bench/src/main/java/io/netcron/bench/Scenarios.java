package io.netcron.bench;

import io.netcron.bench.ClusterBenchmark.Metric;
import io.netcron.bench.Contender.Firing;
import io.netcron.bench.Meters.Delta;
import io.netcron.bench.Meters.Reading;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.netcron.bench.ClusterBenchmark.NODES;
import static io.netcron.bench.ClusterBenchmark.await;
import static io.netcron.bench.ClusterBenchmark.awaitQuietly;
import static io.netcron.bench.ClusterBenchmark.log;
import static io.netcron.bench.ClusterBenchmark.scheduledIn;
import static io.netcron.bench.ClusterBenchmark.sleepUntil;
import static io.netcron.bench.ClusterBenchmark.startedIn;
import static io.netcron.bench.Meters.round;
import static io.netcron.bench.Meters.round2;

/** The benchmark's scenarios: each drives one contender from a fresh database and returns its figures. */
final class Scenarios
{
    private Scenarios() {}

    interface Scenario
    {
        String description();

        Map<String, Object> settings();

        List<Metric> run(Contender contender);

        String notes();
    }

    static Scenario named(String name)
    {
        return switch (name) {
            case "steady" -> new Steady();
            case "burst" -> new Burst();
            case "overload" -> new Overload();
            case "idle", "startup" -> new Idle();
            default -> throw new IllegalArgumentException("unknown bench.scenario '" + name + "' (steady, burst, overload, idle)");
        };
    }

    private static int setting(String name, int defaultValue)
    {
        return Integer.getInteger("bench." + name, defaultValue);
    }

    private static long missesOrNone(long first, long second)
    {
        return first < 0 ? -1 : first + second;
    }

    /** Figures every scenario gives for a window: rate, commits, CPU, share. */
    private static void addLoad(List<Metric> metrics, String what, List<Firing> started, Delta delta)
    {
        metrics.add(new Metric("achieved_per_s", "achieved firings/s (" + what + ")", round(started.size() / delta.seconds())));
        metrics.add(new Metric("commits_per_s", "PostgreSQL commits/s", round(delta.commitsPerSecond())));
        metrics.add(new Metric("commits_per_firing", "PostgreSQL commits per firing", started.isEmpty() ? "-" : round(delta.commits() / (double) started.size())));
        metrics.add(new Metric("node_cpu_cores", "node JVMs' CPU (cores, all " + NODES + ")", round2(delta.cores())));
        metrics.add(new Metric("node_cpu_ms_per_firing", "node CPU ms per firing", started.isEmpty() ? "-" : round(1000 * delta.cpuSeconds() / started.size())));
        metrics.add(new Metric("per_node_share", "per-node share of starts", Meters.share(started)));
    }

    private static void addDelays(List<Metric> metrics, List<Firing> firings)
    {
        List<Long> delays = Meters.sortedDelays(firings);
        metrics.add(new Metric("delay_p50_ms", "start delay p50 (ms, start - scheduled)", Meters.percentile(delays, 50)));
        metrics.add(new Metric("delay_p99_ms", "start delay p99 (ms)", Meters.percentile(delays, 99)));
        metrics.add(new Metric("delay_max_ms", "start delay max (ms)", delays.isEmpty() ? -1 : delays.getLast()));
    }

    /** (job, scheduled time) pairs of the firings, by how often each ran. */
    private record Pairs(long once, long twice, long more, Set<String> ran) {}

    private static Pairs pairs(List<Firing> firings)
    {
        Map<String, Long> perPair = firings.stream().collect(Collectors.groupingBy(firing -> firing.job() + "@" + firing.scheduledMs(), Collectors.counting()));
        return new Pairs(perPair.values().stream().filter(count -> count == 1).count(), perPair.values().stream().filter(count -> count == 2).count(),
                perPair.values().stream().filter(count -> count > 2).count(), perPair.keySet());
    }

    /** N jobs due every second; the window's starts, misses, doubles, delays; optionally a kill -9 failover. */
    static final class Steady
            implements Scenario
    {
        private final int jobs = setting("jobs", 50);
        private final int seconds = setting("seconds", 30);
        private final int warmup = setting("warmup", 0);
        private final long durationMs = setting("duration-ms", 10);
        private final boolean failover = Boolean.parseBoolean(System.getProperty("bench.failover", "true"));

        @Override
        public String description()
        {
            return jobs + " jobs due every second (sleep " + durationMs + " ms), " + warmup + " s warm-up, " + seconds + " s window" + (failover ? ", then a kill -9 failover" : "");
        }

        @Override
        public Map<String, Object> settings()
        {
            return Map.of("jobs", jobs, "window_seconds", seconds, "warmup_seconds", warmup, "duration_ms", durationMs, "failover", failover);
        }

        @Override
        public List<Metric> run(Contender contender)
        {
            contender.startNodes();
            contender.addEverySecondJobs("b", jobs, durationMs);
            log(contender, jobs + " jobs added; waiting until each has fired");
            awaitQuietly(contender, "every job firing", Duration.ofSeconds(60), () -> contender.firings("b").stream().map(Firing::job).distinct().count() == jobs);
            Instant windowStart = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(3 + warmup);
            Instant windowEnd = windowStart.plusSeconds(seconds);
            log(contender, "measuring " + windowStart + " .. " + windowEnd);
            sleepUntil(windowStart);
            Reading before = Meters.read(contender);
            Sessions sessions = new Sessions(contender.database());
            sleepUntil(windowEnd);
            sessions.close();
            Delta delta = Meters.between(before, Meters.read(contender));
            sleepUntil(windowEnd.plusSeconds(10)); // late starts of the last seconds still count
            List<Firing> all = contender.firings("b");
            List<Firing> scheduled = scheduledIn(all, windowStart, windowEnd);
            List<Firing> started = startedIn(all, windowStart, windowEnd);
            contender.removeJobs("b", jobs);

            List<Metric> metrics = new ArrayList<>();
            metrics.add(new Metric("due_per_s", "due per second", jobs));
            addLoad(metrics, "starts in window", started, delta);
            metrics.add(new Metric("recorded_misses", "misses recorded (netcron.missed_fire)", contender.recordedMisses("b", windowStart.toEpochMilli(), windowEnd.toEpochMilli())));
            addDelays(metrics, scheduled);
            metrics.add(new Metric("db_sessions", "PostgreSQL sessions, mean (pg_stat_activity)", sessions.summary()));
            Pairs pairs = pairs(scheduled);
            long expected = (long) jobs * seconds;
            metrics.add(new Metric("pairs_scheduled", "(job, second) pairs scheduled in window", expected));
            metrics.add(new Metric("pairs_once", "  ran exactly once", pairs.once()));
            metrics.add(new Metric("pairs_twice", "  ran twice (doubles)", pairs.twice()));
            metrics.add(new Metric("pairs_more_than_twice", "  ran 3+ times", pairs.more()));
            metrics.add(new Metric("pairs_never", "  not started by window end + 10 s", expected - pairs.ran().size()));
            if (failover) {
                metrics.add(new Metric("failover_s", "kill -9 to restart on survivor (s)", failover(contender)));
            }
            return metrics;
        }

        private static double failover(Contender contender)
        {
            String job = "long-recoverable";
            log(contender, "failover: a recoverable 60 s job, then kill -9 of its node");
            contender.addLongRecoverableJob(job, Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(3));
            String victim = await(job + " running", Duration.ofSeconds(90), () -> contender.nodeRunning(job));
            sleepUntil(Instant.now().plusSeconds(2));
            Instant killedAt = Instant.now();
            contender.kill(victim);
            Instant recovered = await(job + " recovered", Duration.ofSeconds(180), () -> contender.recoveryStart(job));
            double seconds = Duration.between(killedAt, recovered).toMillis() / 1000.0;
            log(contender, "killed " + victim + "; job started again " + seconds + " s later");
            return seconds;
        }

        @Override
        public String notes()
        {
            return """
                    Window: every execution of the jobs scheduled in it (delays, pairs) or started in it (rate, commits, CPU, share).
                    Not started = missed or still late 10 s after the window (netcron records misses in missed_fire and hands them to
                      the misfire policy; Quartz's defaults run a misfired trigger once, late, with a 60 s threshold).
                    Failover: a recoverable job sleeping 60 s; its node is killed (SIGKILL) 2 s after it started; seconds until it
                      starts again on a survivor (netcron: cause 'recovery'; Quartz: requestsRecovery, isRecovering).""";
        }
    }

    /** N jobs all due at second 0 of every minute: how soon each burst has started, misses, doubles. */
    static final class Burst
            implements Scenario
    {
        private static final long ON_TIME_MS = 5_000;

        private final int jobs = setting("jobs", 1_000);
        private final int bursts = setting("bursts", 2);
        private final long durationMs = setting("duration-ms", 0);

        @Override
        public String description()
        {
            return bursts + " bursts of " + jobs + " jobs all due at second 0 of a minute (cron '0 * * * * ?', sleep " + durationMs + " ms)";
        }

        @Override
        public Map<String, Object> settings()
        {
            return Map.of("jobs", jobs, "bursts", bursts, "duration_ms", durationMs);
        }

        @Override
        public List<Metric> run(Contender contender)
        {
            contender.startNodes();
            contender.addJobs("burst", jobs, "0 * * * * ?", durationMs);
            // the first burst at least 40 s away: Quartz's idle wait (30 s by default) must have passed on every node
            Instant first = Instant.now().plusSeconds(40).truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
            Instant last = first.plus(bursts - 1L, ChronoUnit.MINUTES);
            log(contender, jobs + " jobs added; bursts at " + first + " .. " + last);
            sleepUntil(first.minusSeconds(1));
            Reading before = Meters.read(contender);
            Sessions sessions = new Sessions(contender.database());
            sleepUntil(first.plusSeconds(10));
            sessions.close(); // the first burst's first 10 s: what it waits for
            sleepUntil(last.plusSeconds(40));
            Delta delta = Meters.between(before, Meters.read(contender));
            List<Firing> firings = scheduledIn(contender.firings("burst"), first, last.plusSeconds(1));
            contender.removeJobs("burst", jobs);

            long expected = (long) jobs * bursts;
            Pairs pairs = pairs(firings);
            long onTime = firings.stream().filter(firing -> firing.delayMs() <= ON_TIME_MS).map(firing -> firing.job() + "@" + firing.scheduledMs()).distinct().count();
            List<Metric> metrics = new ArrayList<>();
            metrics.add(new Metric("fire_times", "fire times (jobs x bursts)", expected));
            metrics.add(new Metric("started_within_5s", "  started within 5 s", onTime));
            metrics.add(new Metric("started_later", "  started later (by 40 s after)", pairs.ran().size() - onTime));
            metrics.add(new Metric("not_started", "  not started 40 s after", expected - pairs.ran().size()));
            metrics.add(new Metric("doubles", "  ran twice or more (doubles)", pairs.twice() + pairs.more()));
            metrics.add(new Metric("recorded_misses", "misses recorded (netcron.missed_fire)", contender.recordedMisses("burst", first.toEpochMilli(), last.plusSeconds(1).toEpochMilli())));
            addDelays(metrics, firings);
            // the rate while a burst drains: its starts over the time from its fire time to its last start
            List<Double> rates = new ArrayList<>();
            for (Instant burst = first; !burst.isAfter(last); burst = burst.plus(1, ChronoUnit.MINUTES)) {
                Instant at = burst;
                List<Firing> ofBurst = firings.stream().filter(firing -> firing.scheduledMs() == at.toEpochMilli()).toList();
                long drained = ofBurst.stream().mapToLong(Firing::delayMs).max().orElse(0);
                rates.add(ofBurst.size() / Math.max(1.0, drained / 1000.0));
            }
            metrics.add(new Metric("drain_rate_per_s", "starts/s while a burst drains (mean)", round(rates.stream().mapToDouble(Double::doubleValue).average().orElse(0))));
            metrics.add(new Metric("commits_per_firing", "PostgreSQL commits per firing (whole span)", firings.isEmpty() ? "-" : round(delta.commits() / (double) firings.size())));
            metrics.add(new Metric("node_cpu_s_per_burst", "node CPU s per burst (all " + NODES + ")", round(delta.cpuSeconds() / bursts)));
            metrics.add(new Metric("node_cpu_ms_per_firing", "node CPU ms per firing", firings.isEmpty() ? "-" : round(1000 * delta.cpuSeconds() / firings.size())));
            metrics.add(new Metric("per_node_share", "per-node share of starts", Meters.share(firings)));
            metrics.add(new Metric("db_sessions", "PostgreSQL sessions, mean over 10 s of the first burst", sessions.summary()));
            return metrics;
        }

        @Override
        public String notes()
        {
            return """
                    Burst: every (job, minute) of the measured bursts; started within 5 s of its fire time (the issue's target) or later,
                      not started 40 s after the burst (netcron: a miss recorded in missed_fire, its policy's catch-up run may come later),
                      doubles. Commits and CPU from 1 s before the first burst to 40 s after the last (idle rounds included).""";
        }
    }

    /**
     * A normal load, then twice the given capacity due per second for 30 s, then the normal load again:
     * the rate achieved during the overload (against the capacity) and how soon after the drop every
     * fire time of the normal load starts on time (within 1 s) again; what was lost.
     */
    static final class Overload
            implements Scenario
    {
        private static final long ON_TIME_MS = 1_000;
        private static final Duration AFTER = Duration.ofSeconds(40);

        private final int capacity = setting("capacity", 100);
        private final int normal = setting("normal", capacity / 2);
        private final int seconds = setting("overload-seconds", 30);
        private final long durationMs = setting("duration-ms", 0);

        @Override
        public String description()
        {
            return normal + " jobs due every second, plus " + (2 * capacity - normal) + " more for " + seconds + " s (2 x a capacity of " + capacity
                    + "/s), then " + normal + " again (sleep " + durationMs + " ms)";
        }

        @Override
        public Map<String, Object> settings()
        {
            return Map.of("capacity", capacity, "normal", normal, "overload_seconds", seconds, "duration_ms", durationMs);
        }

        @Override
        public List<Metric> run(Contender contender)
        {
            int extra = 2 * capacity - normal;
            contender.startNodes();
            contender.addEverySecondJobs("ovs", normal, durationMs);
            awaitQuietly(contender, "every normal job firing", Duration.ofSeconds(60), () -> contender.firings("ovs").stream().map(Firing::job).distinct().count() == normal);
            sleepUntil(Instant.now().plusSeconds(5));
            contender.addEverySecondJobs("ovx", extra, durationMs);
            log(contender, extra + " more jobs added (overload); waiting until half of them have fired");
            awaitQuietly(contender, "half of the extra jobs firing", Duration.ofSeconds(40), () -> contender.firings("ovx").stream().map(Firing::job).distinct().count() >= extra / 2);
            Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
            Instant to = from.plusSeconds(seconds);
            log(contender, "overload " + from + " .. " + to);
            sleepUntil(from);
            Reading before = Meters.read(contender);
            Sessions sessions = new Sessions(contender.database());
            sleepUntil(to);
            sessions.close();
            Delta delta = Meters.between(before, Meters.read(contender));
            contender.removeJobs("ovx", extra);
            Instant dropped = Instant.now();
            log(contender, "extra jobs removed; normal load until " + dropped.plus(AFTER));
            sleepUntil(dropped.plus(AFTER).plusSeconds(10));

            List<Firing> all = new ArrayList<>(contender.firings("ovs"));
            all.addAll(contender.firings("ovx"));
            List<Firing> started = startedIn(all, from, to);
            List<Metric> metrics = new ArrayList<>();
            metrics.add(new Metric("due_per_s_overload", "due per second during the overload", 2 * capacity));
            addLoad(metrics, "during the overload", started, delta);
            metrics.add(new Metric("achieved_over_capacity", "achieved / capacity (" + capacity + "/s)", round2(started.size() / delta.seconds() / capacity)));
            metrics.add(new Metric("db_sessions", "PostgreSQL sessions, mean (pg_stat_activity)", sessions.summary()));
            metrics.add(new Metric("recorded_misses", "misses recorded during it (missed_fire)", missesOrNone(contender.recordedMisses("ovs", from.toEpochMilli(), to.toEpochMilli()), contender.recordedMisses("ovx", from.toEpochMilli(), to.toEpochMilli()))));

            // after the drop: seconds until every later fire time of the normal jobs started within 1 s, to the end
            Instant end = dropped.plus(AFTER);
            List<Firing> normalLoad = contender.firings("ovs");
            Map<Long, List<Firing>> perSecond = scheduledIn(normalLoad, dropped.truncatedTo(ChronoUnit.SECONDS), end).stream()
                    .collect(Collectors.groupingBy(Firing::scheduledMs, LinkedHashMap::new, Collectors.toList()));
            Function<Instant, Boolean> onTime = second -> {
                List<Firing> ofSecond = perSecond.getOrDefault(second.toEpochMilli(), List.of());
                return ofSecond.stream().map(Firing::job).distinct().count() == normal && ofSecond.stream().allMatch(firing -> firing.delayMs() <= ON_TIME_MS);
            };
            Instant onTimeFrom = null;
            for (Instant second = end.truncatedTo(ChronoUnit.SECONDS).minusSeconds(1); !second.isBefore(dropped.truncatedTo(ChronoUnit.SECONDS)); second = second.minusSeconds(1)) {
                if (!onTime.apply(second)) {
                    break;
                }
                onTimeFrom = second;
            }
            metrics.add(new Metric("on_time_after_s", "on time again after the drop (s; 1 s bound)",
                    onTimeFrom == null ? "not in " + AFTER.toSeconds() + " s" : Math.max(0, Duration.between(dropped, onTimeFrom).toMillis()) / 1000.0));
            List<Firing> afterDrop = scheduledIn(normalLoad, dropped.plusSeconds(10), end);
            List<Long> delays = Meters.sortedDelays(afterDrop);
            metrics.add(new Metric("delay_p99_after_ms", "start delay p99 from 10 s after the drop (ms)", Meters.percentile(delays, 99)));

            // every fire time of the normal jobs from the overload's start to the end: ran, recorded missed, or lost
            Instant spanEnd = end.minusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
            List<Firing> span = scheduledIn(normalLoad, from, spanEnd);
            Pairs pairs = pairs(span);
            long expected = (long) normal * Duration.between(from, spanEnd).toSeconds();
            long recorded = contender.recordedMisses("ovs", from.toEpochMilli(), spanEnd.toEpochMilli());
            metrics.add(new Metric("normal_fire_times", "normal jobs' fire times, overload start to end", expected));
            metrics.add(new Metric("normal_ran", "  ran (once or more)", pairs.ran().size()));
            metrics.add(new Metric("normal_doubles", "  ran twice or more (doubles)", pairs.twice() + pairs.more()));
            metrics.add(new Metric("normal_not_run", "  not run (netcron: recorded missed, policy applied)", expected - pairs.ran().size()));
            metrics.add(new Metric("normal_recorded_missed", "  recorded missed (missed_fire)", recorded));
            contender.removeJobs("ovs", normal);
            return metrics;
        }

        @Override
        public String notes()
        {
            return """
                    Overload: achieved = starts in the overload window / its length, against the capacity given (-Dbench.capacity:
                      what a steady run of the same machine reached). On time again: the first second after the extra jobs were removed
                      from which every fire time of the normal jobs, to 40 s after, started within 1 s. A netcron fire time not run was
                      recorded missed and handed to its misfire policy (fire_once_now by default: the catch-up run keeps the missed time,
                      so it counts as ran, late); Quartz keeps no record.""";
        }
    }

    /** Start-up to first firing with 1,000 jobs defined (a restart of all nodes), then idle RSS and CPU. */
    static final class Idle
            implements Scenario
    {
        private final int jobs = setting("jobs", 1_000);
        private final int idleSeconds = setting("idle-seconds", 60);

        @Override
        public String description()
        {
            return jobs + " jobs defined (daily at 03:00), nodes restarted: start-up to first firing, then " + idleSeconds + " s idle: RSS and CPU";
        }

        @Override
        public Map<String, Object> settings()
        {
            return Map.of("jobs", jobs, "idle_seconds", idleSeconds, "node_jvm_options", System.getProperty("netcron.node.jvm-options", "(test harness: -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1)"));
        }

        @Override
        public List<Metric> run(Contender contender)
        {
            List<Metric> metrics = new ArrayList<>();
            long launched = System.nanoTime();
            contender.startNodes();
            metrics.add(new Metric("first_start_s", "first start, empty database: launch to all nodes up (s)", round((System.nanoTime() - launched) / 1e9)));
            contender.addJobs("idle", jobs, "0 0 3 * * ?", 0);
            contender.addEverySecondJobs("first", 1, 0);
            await("the per-second job firing", Duration.ofSeconds(90), () -> contender.firings("first").isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(true));
            contender.stopNodes();
            log(contender, "nodes stopped; restarting");
            sleepUntil(Instant.now().plusSeconds(2));
            Instant restart = Instant.now();
            launched = System.nanoTime();
            contender.startNodes();
            double up = (System.nanoTime() - launched) / 1e9;
            Instant firstFiring = await("a firing after the restart", Duration.ofSeconds(120), () -> contender.firings("first").stream()
                    .filter(firing -> firing.startedMs() > restart.toEpochMilli()).map(Firing::startedMs).min(Long::compare).map(Instant::ofEpochMilli));
            metrics.add(new Metric("restart_up_s", "restart: launch to all nodes up (s)", round(up)));
            metrics.add(new Metric("restart_first_firing_s", "restart: launch to first firing (s)", round2(Duration.between(restart, firstFiring).toMillis() / 1000.0)));
            contender.removeJobs("first", 1);

            log(contender, "idle for " + idleSeconds + " s with " + jobs + " jobs defined");
            sleepUntil(Instant.now().plusSeconds(idleSeconds / 2));
            Reading before = Meters.read(contender);
            sleepUntil(Instant.now().plusSeconds(idleSeconds - idleSeconds / 2));
            Delta delta = Meters.between(before, Meters.read(contender));
            List<Double> rss = contender.nodePids().values().stream().map(Meters::rssMib).toList();
            metrics.add(new Metric("idle_rss_mib_max", "idle RSS per node, max (MiB)", round(rss.stream().mapToDouble(Double::doubleValue).max().orElse(-1))));
            metrics.add(new Metric("idle_rss_mib", "idle RSS per node (MiB)", rss.stream().map(value -> Long.toString(Math.round(value))).collect(Collectors.joining("/"))));
            metrics.add(new Metric("idle_cpu_cores", "idle CPU, all " + NODES + " nodes (cores)", round2(delta.cores())));
            metrics.add(new Metric("idle_commits_per_s", "idle PostgreSQL commits/s", round(delta.commitsPerSecond())));
            return metrics;
        }

        @Override
        public String notes()
        {
            return """
                    Start-up: all nodes stopped gracefully (SIGTERM), then launched together; up = every node joined (netcron: its
                      node row active; Quartz: checked in); first firing = the first start of a per-second job after the launch.
                    Idle: the per-second job removed, the 1,000 daily jobs stay; RSS is VmRSS of each node JVM at the end, CPU and
                      commits over the second half of the idle time.""";
        }
    }
}
