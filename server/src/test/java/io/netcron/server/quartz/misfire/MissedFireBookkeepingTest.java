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

        List<MissedFire> missed = new MissedFireDetector(database, List.of(QuartzConfig.DEFAULT_SCHEDULER_NAME), 100, new StoredCrons()).sweep();

        assertThat(missed).containsExactly(MissedFire.missed("a", T0.plusSeconds(1)), MissedFire.missed("a", T0.plusSeconds(2)), MissedFire.missed("a", T0.plusSeconds(3)));
    }

    @Test
    void aGapWhoseTimesAreRecordedIsNotWorkedOutAgain()
    {
        QuartzRows.cronTrigger(testDatabase, "a", "* * * * * ?", T0, T0.plusSeconds(4));
        MissedFireDetector detector = new MissedFireDetector(database, List.of(QuartzConfig.DEFAULT_SCHEDULER_NAME), 100, new StoredCrons());
        MissedFireWriter writer = new MissedFireWriter(new MissedFireRepository(database), "node-1", job -> {}, () -> {});
        writer.add(detector.sweep());
        assertThat(writer.drain()).isEqualTo(3);

        assertThat(detector.sweep()).isEmpty();
    }

    @Test
    void aTriggerLaterThanTheThresholdMovesToItsFirstFireTimeAfterNowAndItsSkippedTimesAreReturned()
    {
        Instant now = T0.plusMillis(20_500);
        QuartzRows.cronTrigger(testDatabase, "a", "* * * * * ?", T0.minusSeconds(1), T0);
        QuartzRows.cronTrigger(testDatabase, "b", "* * * * * ?", T0.plusSeconds(11), T0.plusSeconds(12));

        List<MissedFire> missed = lateTriggers(now).advance();

        assertThat(missed).as("a: T0 .. T0 + 20 skipped; b is 8.5 s late, within the threshold, and fires late")
                .hasSize(21).allMatch(time -> time.jobName().equals("a")).first().isEqualTo(MissedFire.missed("a", T0));
        assertThat(Sql.count(testDatabase, "SELECT next_fire_time FROM netcron.qrtz_triggers WHERE job_name = 'a'")).isEqualTo(T0.plusSeconds(21).toEpochMilli());
        assertThat(Sql.count(testDatabase, "SELECT next_fire_time FROM netcron.qrtz_triggers WHERE job_name = 'b'")).isEqualTo(T0.plusSeconds(12).toEpochMilli());
        assertThat(lateTriggers(now).advance()).as("moved once").isEmpty();
    }

    @Test
    void aLateTriggerThatANodeHasAcquiredIsNotMoved()
    {
        QuartzRows.cronTrigger(testDatabase, "a", "* * * * * ?", T0.minusSeconds(1), T0);
        Sql.execute(testDatabase, "UPDATE netcron.qrtz_triggers SET trigger_state = 'ACQUIRED'");

        assertThat(lateTriggers(T0.plusSeconds(60)).advance()).isEmpty();
        assertThat(Sql.count(testDatabase, "SELECT next_fire_time FROM netcron.qrtz_triggers WHERE job_name = 'a'")).isEqualTo(T0.toEpochMilli());
    }

    private static LateTriggers lateTriggers(Instant now)
    {
        return new LateTriggers(database, List.of(QuartzConfig.DEFAULT_SCHEDULER_NAME), java.time.Duration.ofSeconds(10), 100, new StoredCrons(), () -> now);
    }
}
