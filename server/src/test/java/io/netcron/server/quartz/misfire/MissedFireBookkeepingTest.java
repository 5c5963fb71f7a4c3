package io.netcron.server.quartz.misfire;

import io.netcron.server.config.QuartzConfig;
import io.netcron.server.db.Database;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.QuartzRows;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Missed fire times written in bulk outside Quartz's lock and found again from a trigger's gap,
 * against a real database.
 */
class MissedFireBookkeepingTest
{
    private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");

    @ClassDatabase
    private static TestDatabase testDatabase;
    @ClassDatabase
    private static Database database;

    @BeforeEach
    void emptyTables()
    {
        QuartzRows.twoJobs(testDatabase);
    }

    @Test
    void theWriterRecordsEveryQueuedTimeInOneBatchWithEachJobsPolicyAndCountsThem()
    {
        List<String> counted = new ArrayList<>();
        MissedFireWriter writer = new MissedFireWriter(new MissedFireRepository(database), "node-1", counted::add, () -> {});
        writer.add(List.of(MissedFire.missed("a", T0), MissedFire.missed("a", T0.plusSeconds(1)), MissedFire.missed("b", T0)));

        assertThat(writer.drain()).isEqualTo(3);
        assertThat(counted).containsExactlyInAnyOrder("a", "a", "b");
        assertThat(Sql.rows(testDatabase, "SELECT job_name, policy, detected_by FROM netcron.missed_fire ORDER BY job_name, scheduled_at"))
                .extracting(row -> row.get("job_name") + " " + row.get("policy") + " " + row.get("detected_by"))
                .containsExactly("a skip node-1", "a skip node-1", "b catch_up node-1");
    }

    @Test
    void aTimeRecordedTwiceIsKeptOnceAndTheDroppedRowIsRecordedAsHandled()
    {
        MissedFireWriter writer = new MissedFireWriter(new MissedFireRepository(database), "node-1", job -> {}, () -> {});
        writer.add(List.of(MissedFire.missed("a", T0)));
        writer.drain();
        writer.add(List.of(MissedFire.missed("a", T0), new MissedFire("a", T0.minusSeconds(500), "dropped: beyond the cap")));

        assertThat(writer.drain()).as("new rows still needing their policy").isZero();
        assertThat(Sql.count(testDatabase, "SELECT count(*) FROM netcron.missed_fire WHERE job_name = 'a'")).isEqualTo(2);
        assertThat(Sql.count(testDatabase, "SELECT count(*) FROM netcron.missed_fire WHERE handled_at IS NOT NULL AND outcome LIKE 'dropped%'")).isEqualTo(1);
    }

    @Test
    void theDetectorFindsTheTimesBetweenATriggersPreviousAndNextFireTime()
    {
        // as Quartz leaves a "do nothing" cron trigger after a misfire: previous fire time kept, next moved past now
        QuartzRows.cronTrigger(testDatabase, "a", "* * * * * ?", T0, T0.plusSeconds(4));
        QuartzRows.cronTrigger(testDatabase, "b", "* * * * * ?", T0, T0.plusSeconds(1));

        List<MissedFire> missed = new MissedFireDetector(database, List.of(QuartzConfig.DEFAULT_SCHEDULER_NAME), 100).sweep();

        assertThat(missed).containsExactly(MissedFire.missed("a", T0.plusSeconds(1)), MissedFire.missed("a", T0.plusSeconds(2)), MissedFire.missed("a", T0.plusSeconds(3)));
    }

    @Test
    void aFireTimeQuartzMovedAMisfiredTriggerPastWithoutRunningItIsRecordedMissed()
    {
        // the callback saw next fire time T0 and counted up to its "now" (T0 + 0.9 s); by the time Quartz
        // computed its own "now" T0 + 1 had passed, so Quartz stored T0 + 2: T0 + 1 is neither run nor counted;
        // T0 + 2 has fired since (its run still under way), the trigger now waits for T0 + 3
        QuartzRows.cronTrigger(testDatabase, "a", "* * * * * ?", T0.minusSeconds(1), T0.plusSeconds(3));
        firedTrigger("a", T0.plusSeconds(2));
        MissedFireWriter writer = new MissedFireWriter(new MissedFireRepository(database), "node-1", job -> {}, () -> {});
        writer.watch(boundary("a", T0, List.of(T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(3))));

        assertThat(writer.drain()).isEqualTo(1);
        assertThat(Sql.rows(testDatabase, "SELECT extract(epoch FROM scheduled_at)::bigint AS at, policy, handled_at IS NULL AS pending FROM netcron.missed_fire"))
                .singleElement().satisfies(row -> {
                    assertThat(((Number) row.get("at")).longValue()).isEqualTo(T0.plusSeconds(1).getEpochSecond());
                    assertThat(row.get("policy")).as("the job's policy applies, as for any missed time").isEqualTo("skip");
                    assertThat(row.get("pending")).isEqualTo(true);
                });
    }

    @Test
    void aBoundaryWaitsUntilQuartzHasStoredTheMovedTriggerAndAFireTimeThatRanIsNotMissed()
    {
        QuartzRows.cronTrigger(testDatabase, "b", "* * * * * ?", T0.minusSeconds(1), T0);
        MissedFireWriter writer = new MissedFireWriter(new MissedFireRepository(database), "node-1", job -> {}, () -> {});
        writer.watch(boundary("b", T0, List.of(T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(3))));

        assertThat(writer.drain()).as("trigger still at its misfired time: Quartz's transaction has not committed").isZero();

        Sql.execute(testDatabase, "UPDATE netcron.qrtz_triggers SET next_fire_time = ? WHERE job_name = 'b'", T0.plusSeconds(3).toEpochMilli());
        Sql.execute(testDatabase, "INSERT INTO netcron.job_run (job_name, scheduled_at, node_id, attempt, cause, status) VALUES ('b', ?, 'node-1', 1, 'schedule', 'running')",
                java.sql.Timestamp.from(T0.plusSeconds(1)));
        assertThat(writer.drain()).isEqualTo(1);
        assertThat(Sql.count(testDatabase, "SELECT count(*) FROM netcron.missed_fire WHERE job_name = 'b' AND scheduled_at = ?", java.sql.Timestamp.from(T0.plusSeconds(2))))
                .as("T0 + 1 ran, T0 + 2 was skipped, T0 + 3 is the stored next fire time").isEqualTo(1);
        assertThat(Sql.count(testDatabase, "SELECT count(*) FROM netcron.missed_fire")).isEqualTo(1);
        assertThat(writer.drain()).as("checked once").isZero();
    }

    @Test
    void aBoundaryOfATriggerThatIsGoneRecordsNothing()
    {
        MissedFireWriter writer = new MissedFireWriter(new MissedFireRepository(database), "node-1", job -> {}, () -> {});
        writer.watch(boundary("a", T0, List.of(T0.plusSeconds(1))));

        assertThat(writer.drain()).isZero();
        assertThat(Sql.count(testDatabase, "SELECT count(*) FROM netcron.missed_fire")).isZero();
    }

    private static MissedFireWriter.Boundary boundary(String job, Instant nextBefore, List<Instant> times)
    {
        return new MissedFireWriter.Boundary(QuartzConfig.DEFAULT_SCHEDULER_NAME, job + "-v1", "netcron", job, nextBefore.toEpochMilli(), times,
                Instant.now().minusSeconds(1), Instant.now().plusSeconds(60));
    }

    private static void firedTrigger(String job, Instant scheduled)
    {
        Sql.execute(testDatabase, """
                INSERT INTO netcron.qrtz_fired_triggers (sched_name, entry_id, trigger_name, trigger_group, instance_name, fired_time, sched_time, priority, state, job_name, job_group)
                VALUES ('netcron', ?, ?, 'netcron', 'node-1', ?, ?, 5, 'EXECUTING', ?, 'netcron')""", job + scheduled.toEpochMilli(), job + "-v1", scheduled.toEpochMilli(),
                scheduled.toEpochMilli(), job);
    }
}
