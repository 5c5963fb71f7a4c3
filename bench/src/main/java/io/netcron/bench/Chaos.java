package io.netcron.bench;

import io.netcron.server.testing.ClusterChecks;
import io.netcron.server.testing.NodeProcess;
import io.netcron.server.testing.PrivatePostgres;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import static io.netcron.bench.ClusterBenchmark.await;

/**
 * Faults under load, then an audit from the tables alone. Three node processes on a PostgreSQL of
 * this run alone (never the machine's shared server: this one is stopped and started again), 20
 * jobs of 10 ms and 20 jobs of 300 ms firing every second. Every 20 s one node is {@code kill -9}ed
 * and started again; once, a node is frozen (SIGSTOP) for 30 s then resumed instead; once,
 * PostgreSQL itself is stopped (fast shutdown) and started again after a pause. At the end the
 * tables must show: no fire time handled twice, no run left {@code running}, no stuck trigger, no
 * fire time without a trace, and misses only around the PostgreSQL outage. Exits 1 on a violation.
 * Settings: -Dchaos.minutes (default 10), -Dchaos.fault-every (seconds, default 20),
 * -Dchaos.postgres-down (seconds, default 20), -Dchaos.freeze (seconds, default 30).
 */
public final class Chaos
{
    private static final double MINUTES = Double.parseDouble(System.getProperty("chaos.minutes", "10"));
    private static final Duration FAULT_EVERY = Duration.ofSeconds(Long.getLong("chaos.fault-every", 20));
    private static final Duration POSTGRES_DOWN = Duration.ofSeconds(Long.getLong("chaos.postgres-down", 20));
    private static final Duration FREEZE = Duration.ofSeconds(Long.getLong("chaos.freeze", 30));
    private static final List<String> NODE_IDS = List.of("chaos-1", "chaos-2", "chaos-3");
    private static final int SHORT_JOBS = 20;
    private static final int WORK_JOBS = 20;
    // a fire time may be missed (not run within the misfire threshold, 10 s) this long around the outage
    private static final Duration OUTAGE_MARGIN = Duration.ofSeconds(15);
    private static final Duration SETTLE = Duration.ofSeconds(20);

    private final PrivatePostgres postgres;
    private final TestDatabase database;
    private final Map<String, String> environment;
    private final Map<String, NodeProcess> nodes = new LinkedHashMap<>();
    private final Map<String, Instant> startedAt = new LinkedHashMap<>();
    private final List<String> events = new ArrayList<>();
    private int kills;
    private Instant postgresStopped;
    private Instant postgresStarted;

    private Chaos(PrivatePostgres postgres)
    {
        this.postgres = postgres;
        this.database = TestDatabase.on(postgres, Chaos.class);
        this.environment = new LinkedHashMap<>(database.environment());
        environment.put("NETCRON_THREADS", "8");
        environment.put("NETCRON_NODE_SHUTDOWN_GRACE", "20s");
    }

    public static void main(String[] args)
            throws Exception
    {
        Duration length = Duration.ofSeconds(Math.round(MINUTES * 60));
        System.out.printf("netcron chaos: %d nodes, %d jobs of 10 ms and %d of 300 ms every second, a fault every %d s for %s; PostgreSQL down %d s once, a node frozen %d s once%n",
                NODE_IDS.size(), SHORT_JOBS, WORK_JOBS, FAULT_EVERY.toSeconds(), length, POSTGRES_DOWN.toSeconds(), FREEZE.toSeconds());
        System.out.println("machine: load average " + Files.readString(Path.of("/proc/loadavg")).trim());
        int violations;
        try (PrivatePostgres postgres = PrivatePostgres.start("chaos")) {
            Chaos chaos = new Chaos(postgres);
            try {
                violations = chaos.run(length);
            }
            finally {
                chaos.nodes.values().forEach(NodeProcess::close);
            }
        }
        System.exit(violations == 0 ? 0 : 1);
    }

    private int run(Duration length)
            throws Exception
    {
        NODE_IDS.forEach(this::start);
        for (String nodeId : NODE_IDS) {
            awaitActive(nodeId, Duration.ofSeconds(180));
        }
        Sql.execute(database, """
                INSERT INTO netcron.job (name, implementation, schedule, misfire_policy, concurrency, recoverable, params)
                SELECT 'tick-' || i, 'sleep', '* * * * * ?', (ARRAY['catch_up', 'skip', 'fire_once_now'])[1 + i % 3], 'allow', true, '{"duration_ms": 10}'
                FROM generate_series(1, ?) AS i""", SHORT_JOBS);
        Sql.execute(database, """
                INSERT INTO netcron.job (name, implementation, schedule, misfire_policy, concurrency, recoverable, params)
                SELECT 'work-' || i, 'sleep', '* * * * * ?', (ARRAY['catch_up', 'skip', 'fire_once_now'])[1 + i % 3],
                       CASE WHEN i % 2 = 0 THEN 'forbid' ELSE 'allow' END, true, '{"duration_ms": 300}'
                FROM generate_series(1, ?) AS i""", WORK_JOBS);
        await("every job firing", Duration.ofSeconds(120), () -> Sql.count(database, "SELECT count(DISTINCT job_name) FROM netcron.job_run WHERE status = 'succeeded' AND job_name ~ '^(tick|work)-'")
                == SHORT_JOBS + WORK_JOBS ? Optional.of(true) : Optional.empty());
        Instant windowStart = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        Instant end = windowStart.plus(length);
        Instant freezeAt = windowStart.plus(length.multipliedBy(3).dividedBy(10));
        Instant outageAt = windowStart.plus(length.multipliedBy(6).dividedBy(10));
        log("window starts; faults until " + end);
        boolean frozen = false;
        for (Instant next = windowStart.plus(FAULT_EVERY); next.isBefore(end); next = next.plus(FAULT_EVERY)) {
            // anywhere in the second: at a whole second the short runs have not started yet
            sleepUntil(next.plusMillis(ThreadLocalRandom.current().nextInt(1000)));
            restartExited();
            if (!frozen && !Instant.now().isBefore(freezeAt)) {
                frozen = true;
                freeze();
            }
            else if (postgresStopped == null && !Instant.now().isBefore(outageAt)) {
                restartPostgres();
            }
            else {
                killAndRestart();
            }
            next = later(next, Instant.now());
        }
        sleepUntil(end);
        log("faults over; letting the cluster settle");
        restartExited();
        for (String nodeId : NODE_IDS) {
            awaitActive(nodeId, Duration.ofSeconds(180));
        }
        // the window's last fire times may still be on their way (late by up to the misfire threshold)
        sleepUntil(end.plus(SETTLE));
        return audit(windowStart, end);
    }

    // the next fault comes a whole period after a long one (freeze, outage) ended
    private static Instant later(Instant planned, Instant now)
    {
        Instant next = planned;
        while (next.isBefore(now)) {
            next = next.plus(FAULT_EVERY);
        }
        return next.minus(FAULT_EVERY);
    }

    // as a supervisor would (systemd's Restart=on-failure): a node that was starting when PostgreSQL went away exits
    private void restartExited()
    {
        for (String nodeId : NODE_IDS) {
            NodeProcess node = nodes.get(nodeId);
            if (!node.isAlive()) {
                log(nodeId + " had exited on its own (exit code " + node.waitFor(Duration.ZERO) + "); starting it again");
                start(nodeId);
            }
        }
    }

    private void killAndRestart()
    {
        // the node up the longest: a node still starting is not much of a fault
        String victim = startedAt.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
        nodes.remove(victim).kill();
        kills++;
        log("kill -9 " + victim + "; starting it again");
        start(victim);
    }

    private void freeze()
            throws InterruptedException
    {
        String victim = startedAt.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
        NodeProcess node = nodes.get(victim);
        node.suspend();
        log("SIGSTOP " + victim + " for " + FREEZE.toSeconds() + " s");
        Thread.sleep(FREEZE.toMillis()); // the fault itself: a node frozen this long
        node.resume();
        log("SIGCONT " + victim);
    }

    private void restartPostgres()
            throws InterruptedException
    {
        postgresStopped = postgres.stop();
        log("PostgreSQL stopped (fast shutdown); down for " + POSTGRES_DOWN.toSeconds() + " s");
        Thread.sleep(POSTGRES_DOWN.toMillis()); // the fault itself: the database away this long
        postgresStarted = postgres.startAgain();
        log("PostgreSQL started again");
    }

    private int audit(Instant from, Instant to)
    {
        Duration settle = Duration.ofSeconds(120);
        log("auditing the tables (waiting up to " + settle.toSeconds() + " s for runs to end and triggers to move)");
        List<Map<String, Object>> leftRunning = settled(settle, () -> ClusterChecks.leftRunning(database, Duration.ofSeconds(30)));
        List<Map<String, Object>> stuck = settled(settle, () -> ClusterChecks.stuckTriggers(database, Duration.ofSeconds(30)));
        List<Map<String, Object>> doubles = ClusterChecks.doubles(database);
        Instant outageFrom = postgresStopped == null ? to : postgresStopped.minus(OUTAGE_MARGIN);
        Instant outageTo = postgresStarted == null ? to : postgresStarted.plus(OUTAGE_MARGIN);
        List<Map<String, Object>> missesOutside = new ArrayList<>();
        missesOutside.addAll(ClusterChecks.missesOutside(database, "tick", outageFrom, outageTo));
        missesOutside.addAll(ClusterChecks.missesOutside(database, "work", outageFrom, outageTo));
        missesOutside.removeIf(row -> ((Timestamp) row.get("scheduled_at")).toInstant().isBefore(from)
                || !((Timestamp) row.get("scheduled_at")).toInstant().isBefore(to));
        List<Map<String, Object>> lost = new ArrayList<>();
        lost.addAll(ClusterChecks.unaccounted(database, "tick", from, to));
        lost.addAll(ClusterChecks.unaccounted(database, "work", from, to));

        Map<String, Object> totals = Sql.rows(database, """
                SELECT count(*) AS rows,
                       count(*) FILTER (WHERE status = 'succeeded') AS succeeded,
                       count(*) FILTER (WHERE status = 'skipped') AS skipped,
                       count(*) FILTER (WHERE status = 'failed') AS failed,
                       count(*) FILTER (WHERE status = 'abandoned') AS abandoned,
                       count(*) FILTER (WHERE cause = 'recovery') AS recoveries,
                       count(*) FILTER (WHERE cause = 'catch_up') AS catch_ups
                FROM netcron.job_run WHERE job_name ~ '^(tick|work)-' AND scheduled_at >= to_timestamp(? / 1000.0) AND scheduled_at < to_timestamp(? / 1000.0)""",
                from.toEpochMilli(), to.toEpochMilli()).getFirst();
        long misses = Sql.count(database, "SELECT count(*) FROM netcron.missed_fire WHERE job_name ~ '^(tick|work)-' AND scheduled_at >= to_timestamp(? / 1000.0) AND scheduled_at < to_timestamp(? / 1000.0)",
                from.toEpochMilli(), to.toEpochMilli());
        long fireTimes = Duration.between(from, to).toSeconds() * (SHORT_JOBS + WORK_JOBS);

        System.out.println();
        System.out.println("chaos summary (" + Duration.between(from, to).toSeconds() + " s window, " + (SHORT_JOBS + WORK_JOBS) + " jobs every second)");
        events.forEach(event -> System.out.println("  " + event));
        System.out.printf("  fire times due: %d; run rows: %s (succeeded %s, skipped %s, failed %s, abandoned %s; recovery runs %s, catch-up runs %s)%n",
                fireTimes, totals.get("rows"), totals.get("succeeded"), totals.get("skipped"), totals.get("failed"), totals.get("abandoned"), totals.get("recoveries"), totals.get("catch_ups"));
        System.out.printf("  kill -9: %d; missed fire times recorded: %d (outside the PostgreSQL outage ±%d s: %d)%n", kills, misses, OUTAGE_MARGIN.toSeconds(), missesOutside.size());
        // per minute: how late the regular firings started, and the misses; a cluster behind by more than the misfire threshold misses
        System.out.println("  minute    firings  delay p50/p95/max (s)  misses");
        for (Map<String, Object> minute : Sql.rows(database, """
                SELECT to_char(m.minute, 'HH24:MI') AS minute, coalesce(r.firings, 0) AS firings, r.p50, r.p95, r.max, coalesce(x.misses, 0) AS misses
                FROM generate_series(date_trunc('minute', to_timestamp(? / 1000.0)), to_timestamp(? / 1000.0), interval '1 minute') AS m(minute)
                LEFT JOIN (SELECT date_trunc('minute', scheduled_at) AS minute, count(*) AS firings,
                                  round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - scheduled_at))::numeric, 1) AS p50,
                                  round(percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - scheduled_at))::numeric, 1) AS p95,
                                  round(max(extract(epoch FROM started_at - scheduled_at))::numeric, 1) AS max
                           FROM netcron.job_run WHERE job_name ~ '^(tick|work)-' AND cause = 'schedule' AND status <> 'skipped' GROUP BY 1) r ON r.minute = m.minute
                LEFT JOIN (SELECT date_trunc('minute', scheduled_at) AS minute, count(*) AS misses FROM netcron.missed_fire
                           WHERE job_name ~ '^(tick|work)-' GROUP BY 1) x ON x.minute = m.minute
                ORDER BY m.minute""", from.toEpochMilli(), to.toEpochMilli())) {
            System.out.printf("  %s     %7s  %5s / %5s / %5s    %6s%n", minute.get("minute"), minute.get("firings"), minute.get("p50"), minute.get("p95"), minute.get("max"), minute.get("misses"));
        }
        int violations = 0;
        violations += report("fire times handled twice", doubles);
        violations += report("runs left running (started > 30 s ago)", leftRunning);
        violations += report("stuck triggers", stuck);
        violations += report("misses outside the PostgreSQL outage", missesOutside);
        violations += report("fire times with no run and no recorded miss", lost);
        System.out.println(violations == 0 ? "chaos: OK, no violation" : "chaos: FAILED, " + violations + " violation(s)");
        return violations;
    }

    private static int report(String what, List<Map<String, Object>> rows)
    {
        System.out.printf("  %-46s %d%n", what + ":", rows.size());
        if (!rows.isEmpty() && rows.getFirst().containsKey("scheduled_at") && rows.getFirst().containsKey("job_name")) {
            // by fire time: a fault shows as a run of seconds, each with the jobs it hit
            Map<Object, List<Object>> bySecond = new TreeMap<>();
            rows.forEach(row -> bySecond.computeIfAbsent(row.get("scheduled_at"), key -> new ArrayList<>()).add(row.get("job_name")));
            bySecond.entrySet().stream().limit(40).forEach(entry -> System.out.println("      " + entry.getKey() + ": " + entry.getValue().size() + " " + entry.getValue()));
        }
        else {
            rows.stream().limit(20).forEach(row -> System.out.println("      " + row));
        }
        return rows.size();
    }

    // the rows once they are none, or what is left after the timeout
    private static List<Map<String, Object>> settled(Duration timeout, Supplier<List<Map<String, Object>>> check)
    {
        try {
            await("settled", timeout, () -> check.get().isEmpty() ? Optional.of(true) : Optional.empty());
        }
        catch (IllegalStateException e) {
            // reported below
        }
        return check.get();
    }

    private void start(String nodeId)
    {
        nodes.put(nodeId, NodeProcess.startServer(nodeId, environment));
        startedAt.put(nodeId, Instant.now());
    }

    private void awaitActive(String nodeId, Duration timeout)
    {
        NodeProcess node = nodes.get(nodeId);
        await(nodeId + " active", timeout, () -> {
            if (!node.isAlive()) {
                throw new IllegalStateException(nodeId + " exited; log:\n" + node.output());
            }
            try {
                return Optional.ofNullable(Sql.value(database, "SELECT state FROM netcron.node WHERE node_id = ?", nodeId)).filter("active"::equals);
            }
            catch (IllegalStateException e) {
                return Optional.empty(); // schema not there yet, or the database restarting
            }
        });
    }

    private void log(String event)
    {
        String line = Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + event;
        System.out.println(line);
        events.add(line);
    }

    private static void sleepUntil(Instant time)
            throws InterruptedException
    {
        long millis = Duration.between(Instant.now(), time).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
