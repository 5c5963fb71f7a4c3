package io.netcron.server.quartz.misfire;

import io.netcron.server.quartz.store.StoreOnlyScheduler;
import io.netcron.server.quartz.store.UnionCronTrigger;
import io.netcron.server.quartz.store.UnionCronTriggerPersistence;
import io.netcron.server.quartz.triggers.CronTriggers;
import io.netcron.server.schedule.QuartzCron;
import io.netcron.server.config.NetcronConfig;
import io.netcron.server.config.QuartzConfig;
import io.netcron.server.config.Settings;
import io.netcron.server.db.Database;
import io.netcron.server.jobtable.JobRow;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.spi.OperableTrigger;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A day-of-month-or-day-of-week schedule goes through Quartz's JDBC job store as one trigger of
 * netcron's own type and comes back whole (both halves, zone, misfire instruction, fire times),
 * and the missed-fire detector reads it as the union.
 */
class UnionCronTriggerStoreTest
{
    @ClassDatabase
    private static TestDatabase testDatabase;
    @ClassDatabase
    private static Database database;
    private static Scheduler scheduler;

    @BeforeAll
    static void scheduler()
            throws Exception
    {
        NetcronConfig config = NetcronConfig.fromSettings(Settings.of(Map.of("node.id", "store-test")));
        // never started: it only stores and loads
        scheduler = StoreOnlyScheduler.create(database, config);
    }

    @AfterAll
    static void close()
            throws Exception
    {
        scheduler.shutdown();
    }

    @Test
    void storedAndLoadedItIsStillTheUnionInTheJobsZone()
            throws Exception
    {
        CronTrigger desired = CronTriggers.desired(row("friday13", "0 0 13 * 5", "Europe/Berlin"), Date.from(Instant.parse("2026-11-12T00:00:00Z"))).orElseThrow();
        scheduler.scheduleJob(StoreOnlyScheduler.durableJob("friday13"), desired);

        Trigger loaded = scheduler.getTrigger(desired.getKey());
        assertThat(loaded).isInstanceOf(UnionCronTrigger.class);
        assertThat(((UnionCronTrigger) loaded).schedule()).isEqualTo(QuartzCron.either("0 0 0 13 * ?", "0 0 0 ? * 6"));
        assertThat(((CronTrigger) loaded).getTimeZone().getID()).isEqualTo("Europe/Berlin");
        assertThat(loaded.getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING);
        assertThat(CronTriggers.sameSchedule(loaded, desired)).isTrue();
        // Friday 13 November 2026, 00:00 in Berlin (CET)
        assertThat(loaded.getNextFireTime()).isEqualTo(Date.from(Instant.parse("2026-11-12T23:00:00Z")));
        assertThat(((OperableTrigger) loaded).getFireTimeAfter(loaded.getNextFireTime())).isEqualTo(Date.from(Instant.parse("2026-11-19T23:00:00Z")));
        assertThat(Sql.value(testDatabase, "SELECT trigger_type FROM netcron.qrtz_triggers WHERE trigger_name = ?", desired.getKey().getName()))
                .isEqualTo(UnionCronTriggerPersistence.TYPE);
        assertThat(Sql.rows(testDatabase, "SELECT str_prop_1, str_prop_2, str_prop_3 FROM netcron.qrtz_simprop_triggers WHERE trigger_name = ?", desired.getKey().getName()))
                .containsExactly(Map.of("str_prop_1", "0 0 0 13 * ?", "str_prop_2", "0 0 0 ? * 6", "str_prop_3", "Europe/Berlin"));
    }

    @Test
    void theMissedFireDetectorCountsEachTimeEitherHalfMatchesOnce()
            throws Exception
    {
        // as Quartz leaves a "do nothing" trigger after a misfire: last fired Thursday 12 November, next Friday 18 December
        OperableTrigger trigger = (OperableTrigger) CronTriggers.desired(row("missed13", "0 0 13 * 5", "UTC"), Date.from(Instant.parse("2026-12-13T12:00:00Z"))).orElseThrow();
        trigger.setPreviousFireTime(Date.from(Instant.parse("2026-11-12T12:00:00Z")));
        scheduler.scheduleJob(StoreOnlyScheduler.durableJob("missed13"), trigger);

        List<MissedFire> missed = new MissedFireDetector(database, List.of(QuartzConfig.DEFAULT_SCHEDULER_NAME), 100, new StoredCrons()).sweep().stream()
                .filter(fire -> fire.jobName().equals("missed13")).toList();

        assertThat(missed).containsExactly(
                MissedFire.missed("missed13", Instant.parse("2026-11-13T00:00:00Z")),
                MissedFire.missed("missed13", Instant.parse("2026-11-20T00:00:00Z")),
                MissedFire.missed("missed13", Instant.parse("2026-11-27T00:00:00Z")),
                MissedFire.missed("missed13", Instant.parse("2026-12-04T00:00:00Z")),
                MissedFire.missed("missed13", Instant.parse("2026-12-11T00:00:00Z")),
                MissedFire.missed("missed13", Instant.parse("2026-12-13T00:00:00Z")));
    }

    private static JobRow row(String name, String schedule, String zone)
    {
        return new JobRow(name, "test", "", "script", "x.py", Optional.of(schedule), zone, true, "fire_once_now",
                Duration.ofMinutes(30), 0, Duration.ofSeconds(30), "forbid", true, false, "{}", null, null, null, null, 1);
    }
}
