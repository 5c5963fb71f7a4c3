package io.netcron.server.cluster;

import io.netcron.server.testing.Cluster;
import io.netcron.server.testing.ClusterChecks;
import io.netcron.server.testing.NodeProcess;
import io.netcron.server.testing.PrivatePostgres;
import io.netcron.server.testing.Runs;
import io.netcron.server.testing.Runs.Run;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import io.netcron.server.testing.MultiJvm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database server itself is stopped (fast shutdown, every session cut) for 90 s under two node
 * processes, then started again. It is a PostgreSQL of this test alone ({@link PrivatePostgres}):
 * the machine's server is shared. Afterwards, from the tables: no fire time ran twice, no run is
 * left {@code running}, every fire time of the outage is accounted for as its job's misfire policy
 * says (caught up, recorded skipped, or recorded missed with one run for the newest), and every
 * job fires again.
 */
@MultiJvm
class PostgresOutageClusterTest
{
    private static final Duration OUTAGE = Duration.ofSeconds(90);

    private static PrivatePostgres postgres;
    private static TestDatabase database;
    private static Cluster cluster;
    private static List<NodeProcess> nodes;
    private static Instant windowStart;
    private static Instant stoppedAt;
    private static Instant restartedAt;
    private static Instant windowEnd;

    @BeforeAll
    static void stopTheDatabaseUnderARunningCluster()
            throws Exception
    {
        postgres = PrivatePostgres.start("outage");
        database = TestDatabase.on(postgres, PostgresOutageClusterTest.class);
        // 90 s down plus up to a misfire-threshold pass after the return is ~100 per-second fire times:
        // at the default quartz.catch-up-max (100) the oldest was dropped once (a 'dropped' miss, no run)
        cluster = new Cluster(database, Map.of("NETCRON_QUARTZ_RECONCILE_INTERVAL", "1s", "NETCRON_QUARTZ_CATCH_UP_MAX", "1000"));
        nodes = List.of(cluster.start("outage-1"), cluster.start("outage-2"));
        cluster.awaitActive(Duration.ofSeconds(90), nodes.toArray(NodeProcess[]::new));
        Sql.execute(database, """
                INSERT INTO netcron.job (name, implementation, schedule, misfire_policy, concurrency, recoverable, params) VALUES
                ('outage-catch-up', 'sleep', '* * * * * ?', 'catch_up', 'allow', false, '{"duration_ms": 10}'),
                ('outage-skip', 'sleep', '* * * * * ?', 'skip', 'allow', false, '{"duration_ms": 10}'),
                ('outage-once', 'sleep', '* * * * * ?', 'fire_once_now', 'allow', false, '{"duration_ms": 10}'),
                ('outage-long', 'sleep', '0/20 * * * * ?', 'fire_once_now', 'forbid', true, '{"duration_ms": 12000}')""");
        await("every job firing").atMost(Duration.ofSeconds(60)).until(() ->
                Sql.count(database, "SELECT count(DISTINCT job_name) FROM netcron.job_run WHERE job_name LIKE 'outage-%' AND status = 'succeeded'") == 4);
        windowStart = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        // stop while a long run is in flight: its end cannot be recorded until the database is back
        await("a long run in flight").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE job_name = 'outage-long' AND status = 'running' AND started_at < now() - interval '2 seconds'") == 1);

        stoppedAt = postgres.stop();
        System.out.printf("PostgreSQL stopped at %s%n", stoppedAt);
        Thread.sleep(OUTAGE.toMillis()); // the subject: the database away for this long
        restartedAt = postgres.startAgain();
        System.out.printf("PostgreSQL started again at %s (%d s after it was stopped)%n", restartedAt, Duration.between(stoppedAt, restartedAt).toSeconds());

        Instant resumeFrom = restartedAt.plusSeconds(5);
        await("every per-second job firing again").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> Sql.count(database, """
                SELECT count(DISTINCT job_name) FROM netcron.job_run
                WHERE job_name IN ('outage-catch-up', 'outage-skip', 'outage-once') AND cause = 'schedule' AND status = 'succeeded'
                  AND scheduled_at > to_timestamp(? / 1000.0)""", resumeFrom.toEpochMilli()) == 3);
        windowEnd = resumeFrom;
        for (NodeProcess node : nodes) {
            assertThat(node.isAlive()).as(node.name() + " survived the outage; log:\n" + node.output()).isTrue();
        }
    }

    @AfterAll
    static void stopEverything()
    {
        if (cluster != null) {
            cluster.close();
        }
        if (database != null && postgres != null && postgres.isRunning()) {
            database.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void noFireTimeRanTwice()
    {
        assertThat(ClusterChecks.doubles(database)).as("fire times handled more than once").isEmpty();
    }

    @Test
    void noRunIsLeftRunningAfterTheDatabaseReturns()
    {
        // the longest run takes 12 s: anything running for longer was left behind
        await("runs from before the outage ended").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(ClusterChecks.leftRunning(database, Duration.ofSeconds(20))).isEmpty());
        List<Run> inFlight = Runs.where(database, "job_name = 'outage-long' AND started_at < to_timestamp(? / 1000.0) AND finished_at > to_timestamp(? / 1000.0)",
                stoppedAt.toEpochMilli(), stoppedAt.toEpochMilli());
        assertThat(inFlight).as("the long run cut by the outage").isNotEmpty()
                // ended by the node that ran it (its kept end stored once the database was back), not abandoned by another
                .allSatisfy(run -> assertThat(run.status()).as("run %s: %s", run.id(), run.error()).isIn("succeeded", "failed"));
    }

    @Test
    void everyFireTimeOfTheWindowIsRunOrRecordedMissed()
    {
        assertThat(ClusterChecks.unaccounted(database, "outage", windowStart, windowEnd).stream()
                .filter(row -> !row.get("job_name").equals("outage-long")).toList())
                .as("fire times with neither a run nor a recorded miss").isEmpty();
        assertThat(Sql.count(database, "SELECT count(*) FROM netcron.missed_fire WHERE handled_at IS NULL")).as("misses not handled").isZero();
        // a time beyond quartz.catch-up-max is recorded but gets no run or skipped row: the checks below need none
        assertThat(Sql.count(database, "SELECT count(*) FROM netcron.missed_fire WHERE job_name LIKE 'outage-%' AND outcome LIKE 'dropped%'"))
                .as("missed times dropped beyond quartz.catch-up-max").isZero();
    }

    @Test
    void catchUpRunsEveryMissedTimeOnce()
    {
        // the catch-up runs go one after another and may still be going when the jobs fire again (2 s for 100 on a busy machine)
        await("every missed time caught up").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<Instant, List<Run>> runs = bySecond("outage-catch-up");
            for (Instant second = windowStart; second.isBefore(windowEnd); second = second.plusSeconds(1)) {
                assertThat(runs.getOrDefault(second, List.of())).as("runs of outage-catch-up for %s", second)
                        .filteredOn(run -> run.status().equals("succeeded")).hasSize(1);
            }
        });
        assertThat(missedInsideTheOutage("outage-catch-up")).as("misses recorded for the outage").isGreaterThan(OUTAGE.toSeconds() / 2);
    }

    @Test
    void skipRecordsTheMissedTimesSkippedAndRunsNoneOfThem()
    {
        Map<Instant, List<Run>> runs = bySecond("outage-skip");
        for (Instant second = windowStart; second.isBefore(windowEnd); second = second.plusSeconds(1)) {
            assertThat(runs.getOrDefault(second, List.of())).as("rows of outage-skip for %s", second).singleElement()
                    .satisfies(run -> assertThat(run.status()).isIn("succeeded", "skipped"));
        }
        assertThat(Runs.of(database, "outage-skip")).extracting(Run::cause).doesNotContain("catch_up");
        assertThat(Runs.where(database, "job_name = 'outage-skip' AND status = 'skipped'")).as("skipped fire times")
                .hasSizeGreaterThan((int) OUTAGE.toSeconds() / 2)
                .allSatisfy(run -> assertThat(run.scheduledAt()).isBetween(stoppedAt.minusSeconds(15), restartedAt.plusSeconds(30)));
    }

    @Test
    void fireOnceNowRunsAtMostOnceForTheOutageAndRecordsTheRestMissed()
    {
        List<Run> caughtUp = Runs.where(database, "job_name = 'outage-once' AND cause = 'catch_up' ORDER BY scheduled_at");
        assertThat(caughtUp).as("catch-up runs of outage-once").hasSizeLessThanOrEqualTo(1);
        assertThat(missedInsideTheOutage("outage-once")).as("misses recorded for the outage").isGreaterThan(OUTAGE.toSeconds() / 2);
        Map<Instant, List<Run>> runs = bySecond("outage-once");
        assertThat(runs.values()).as("rows per fire time").allSatisfy(rows -> assertThat(rows).hasSize(1));
    }

    private static long missedInsideTheOutage(String jobName)
    {
        return Sql.count(database, "SELECT count(*) FROM netcron.missed_fire WHERE job_name = ? AND scheduled_at BETWEEN to_timestamp(? / 1000.0) AND to_timestamp(? / 1000.0)",
                jobName, stoppedAt.toEpochMilli(), restartedAt.toEpochMilli());
    }

    private static Map<Instant, List<Run>> bySecond(String jobName)
    {
        return Runs.of(database, jobName).stream().collect(Collectors.groupingBy(Run::scheduledAt));
    }
}
