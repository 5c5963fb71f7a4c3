package io.netcron.server.cluster;

import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.CloseAfterAll;
import io.netcron.server.testing.Cluster;
import io.netcron.server.testing.MultiJvm;
import io.netcron.server.testing.NodeProcess;
import io.netcron.server.testing.Runs;
import io.netcron.server.testing.Runs.Run;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node with two worker threads gets ten per-second jobs of 400 ms each (twice what it can run)
 * for a few seconds, then eight of them are paused. What could not start within the misfire
 * threshold is recorded and handed to the policy ({@code skip}: a {@code skipped} run), nothing
 * is lost (every fire time of every job has a run or a missed record), and once the load is back
 * within capacity the remaining jobs run on time again.
 * Rates and delays belong to the benchmark; this test asserts on the tables.
 */
@MultiJvm
class OverloadRecoveryClusterTest
{
    private static final Duration OVERLOAD = Duration.ofSeconds(8);
    private static final List<String> STEADY = List.of("steady-1", "steady-2");

    @ClassDatabase
    private static TestDatabase database;
    @CloseAfterAll
    private static Cluster cluster;
    private static Instant overloadFrom;
    private static Instant loadDropped;

    @BeforeAll
    static void overloadThenDropTheLoad()
            throws Exception
    {
        cluster = new Cluster(database, Map.of(
                "NETCRON_THREADS", "2",
                "NETCRON_QUARTZ_BATCH_SIZE", "2",
                "NETCRON_QUARTZ_MISFIRE_THRESHOLD", "1s"));
        NodeProcess node = cluster.start("overload-1");
        cluster.awaitActive(Duration.ofSeconds(90), node);
        Sql.execute(database, """
                INSERT INTO netcron.job (name, implementation, schedule, misfire_policy, concurrency, params)
                SELECT name, 'sleep', '* * * * * ?', 'skip', 'allow', '{"duration_ms": 400}'
                FROM unnest(ARRAY['steady-1', 'steady-2', 'extra-1', 'extra-2', 'extra-3', 'extra-4', 'extra-5', 'extra-6', 'extra-7', 'extra-8']) AS name""");
        await("every job firing").atMost(Duration.ofSeconds(30)).until(() ->
                Sql.count(database, "SELECT count(DISTINCT job_name) FROM netcron.job_run") == 10);
        overloadFrom = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        Thread.sleep(Duration.between(Instant.now(), overloadFrom.plus(OVERLOAD)).toMillis()); // the subject: the overload lasting
        Sql.execute(database, "UPDATE netcron.job SET enabled = false WHERE name LIKE 'extra-%'");
        loadDropped = Instant.now();
        await("steady jobs on time again").atMost(Duration.ofSeconds(60)).until(() -> STEADY.stream().allMatch(OverloadRecoveryClusterTest::lastFireTimesRanOnSchedule));
    }

    /** The job's last three fire times after the drop (and after the pause took effect) ran as scheduled, not missed. */
    private static boolean lastFireTimesRanOnSchedule(String job)
    {
        List<Run> recent = Runs.where(database, "job_name = ? AND scheduled_at > to_timestamp(? / 1000.0) + interval '3 seconds' ORDER BY scheduled_at DESC LIMIT 3",
                job, loadDropped.toEpochMilli());
        return recent.size() == 3 && recent.stream().allMatch(run -> run.cause().equals("schedule") && run.status().equals("succeeded"));
    }

    @Test
    void theOverloadMissedFireTimesAndRecordedThemAll()
    {
        long missed = Sql.count(database, "SELECT count(*) FROM netcron.missed_fire WHERE scheduled_at >= to_timestamp(? / 1000.0)", overloadFrom.toEpochMilli());
        assertThat(missed).as("fire times the overloaded node could not start within the threshold").isPositive();
        assertThat(Sql.count(database, "SELECT count(*) FROM netcron.missed_fire WHERE handled_at IS NULL")).as("all handed to the misfire policy").isZero();
    }

    @Test
    void everyFireTimeOfTheSteadyJobsRanOrWasRecordedSkippedExactlyOnce()
    {
        Instant until = loadDropped.plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        for (String job : STEADY) {
            List<Run> runs = Runs.where(database, "job_name = ? AND scheduled_at >= to_timestamp(? / 1000.0) AND scheduled_at < to_timestamp(? / 1000.0) ORDER BY scheduled_at",
                    job, overloadFrom.toEpochMilli(), until.toEpochMilli());
            List<Instant> everySecond = Stream.iterate(overloadFrom, time -> time.isBefore(until), time -> time.plusSeconds(1)).toList();
            assertThat(runs).extracting(Run::scheduledAt).as(job + ": one row per fire time, none lost, none twice").containsExactlyElementsOf(everySecond);
            assertThat(runs).allSatisfy(run -> assertThat(run.status()).isIn("succeeded", "skipped"));
            assertThat(runs).filteredOn(run -> run.status().equals("skipped"))
                    .allSatisfy(run -> assertThat(run.error()).startsWith("missed: no node ran it within the misfire threshold"));
        }
    }

    @Test
    void everyFireTimeOfEveryJobDuringTheOverloadRanOrWasRecordedMissed()
    {
        // the extra jobs too, up to a few seconds before they were disabled (a time still due when its
        // trigger goes is neither run nor missed: the job was disabled)
        Instant until = overloadFrom.plus(OVERLOAD).minusSeconds(5);
        List<Map<String, Object>> lost = Sql.rows(database, """
                SELECT j.name, s.at
                FROM netcron.job j
                CROSS JOIN generate_series(to_timestamp(? / 1000.0), to_timestamp(? / 1000.0) - interval '1 second', interval '1 second') AS s(at)
                WHERE (j.name LIKE 'steady-%' OR j.name LIKE 'extra-%')
                  AND NOT EXISTS (SELECT 1 FROM netcron.job_run r WHERE r.job_name = j.name AND r.scheduled_at = s.at)
                  AND NOT EXISTS (SELECT 1 FROM netcron.missed_fire m WHERE m.job_name = j.name AND m.scheduled_at = s.at)
                ORDER BY s.at, j.name""", overloadFrom.toEpochMilli(), until.toEpochMilli());
        assertThat(lost).as("fire times with neither a run nor a missed record").isEmpty();
    }

    @Test
    void theNodeKeptStartingFiringsThroughTheOverload()
    {
        long ran = Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE status = 'succeeded' AND started_at >= to_timestamp(? / 1000.0) AND started_at < to_timestamp(? / 1000.0)",
                overloadFrom.toEpochMilli(), overloadFrom.plus(OVERLOAD).toEpochMilli());
        // two threads, 400 ms runs: about five a second when busy; a collapse runs next to none
        assertThat(ran).as("runs started during the overload").isGreaterThanOrEqualTo(OVERLOAD.toSeconds() * 2);
    }
}
