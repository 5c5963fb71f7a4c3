package io.netcron.server.quartz.misfire;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netcron.server.config.NetcronConfig;
import io.netcron.server.config.Settings;
import io.netcron.server.db.Database;
import io.netcron.server.metrics.NetcronMetrics;
import io.netcron.server.quartz.store.QuartzKeys;
import io.netcron.server.quartz.store.SchedulerPartitions;
import io.netcron.server.quartz.store.StoreOnlyScheduler;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code fire_once_now} under a deep overload: a job missing round after round gets one catch-up
 * run, not one more one-shot trigger per round, while that run has not started; once it has, the
 * next misses get their own. Against a real database with Quartz's real store (never started, so
 * the catch-up triggers stay pending).
 */
class FireOnceNowCatchUpTest
{
    private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");

    @ClassDatabase
    private static TestDatabase testDatabase;
    @ClassDatabase
    private static Database database;
    private static Scheduler scheduler;
    private static CatchUpService catchUp;
    private static MissedFireWriter writer;

    @BeforeAll
    static void scheduler()
            throws Exception
    {
        NetcronConfig config = NetcronConfig.fromSettings(Settings.of(Map.of("node.id", "catch-up-test")));
        scheduler = StoreOnlyScheduler.create(database, config);
        catchUp = new CatchUpService(SchedulerPartitions.of(scheduler), database, StoreOnlyScheduler.onePartition(config.quartz()), config.node(), new NetcronMetrics(new SimpleMeterRegistry()));
        writer = new MissedFireWriter(new MissedFireRepository(database), "catch-up-test", job -> {}, () -> {});
        Sql.execute(testDatabase, "INSERT INTO netcron.job (name, implementation, schedule, misfire_policy) VALUES ('once', 'sleep', '* * * * * ?', 'fire_once_now')");
        scheduler.addJob(StoreOnlyScheduler.durableJob("once"), false);
    }

    @AfterAll
    static void close()
            throws Exception
    {
        scheduler.shutdown();
    }

    @Test
    void laterMissesAreCoveredByTheCatchUpNotYetStartedAndGetTheirOwnOnceItHas()
    {
        missed(T0, T0.plusSeconds(1));
        catchUp.process();
        assertThat(catchUpTriggers()).as("one catch-up for the newest missed time").containsExactly(T0.plusSeconds(1));

        missed(T0.plusSeconds(2), T0.plusSeconds(3), T0.plusSeconds(4));
        catchUp.process();
        assertThat(catchUpTriggers()).as("no second trigger while the first has not started").containsExactly(T0.plusSeconds(1));
        assertThat(Sql.count(testDatabase, "SELECT count(*) FROM netcron.missed_fire WHERE job_name = 'once' AND handled_at IS NOT NULL AND outcome LIKE 'superseded: the catch-up run pending for%'"))
                .as("every later time recorded as covered by it").isEqualTo(3);

        // the pending catch-up starts (a node picked it up): what is missed from now on needs a run of its own
        Sql.execute(testDatabase, "INSERT INTO netcron.job_run (job_name, scheduled_at, node_id, cause, status) VALUES ('once', ?::timestamptz, 'catch-up-test', 'catch_up', 'running')",
                T0.plusSeconds(1).toString());
        missed(T0.plusSeconds(9));
        catchUp.process();
        assertThat(catchUpTriggers()).containsExactly(T0.plusSeconds(1), T0.plusSeconds(9));
        assertThat(Sql.count(testDatabase, "SELECT count(*) FROM netcron.missed_fire WHERE job_name = 'once' AND handled_at IS NULL")).as("nothing left pending").isZero();
    }

    private static void missed(Instant... times)
    {
        writer.add(List.of(times).stream().map(time -> MissedFire.missed("once", time)).toList());
        writer.drain();
    }

    /** The missed fire times the pending catch-up triggers stand for, oldest first. */
    private static List<Instant> catchUpTriggers()
    {
        List<String> names = Sql.rows(testDatabase, "SELECT trigger_name FROM netcron.qrtz_triggers WHERE trigger_group = ?", QuartzKeys.CATCH_UP_GROUP).stream()
                .map(row -> (String) row.get("trigger_name"))
                .toList();
        return Stream.iterate(T0, time -> time.plusSeconds(1)).limit(20)
                .filter(time -> names.contains(QuartzKeys.oneShotName("once", time, 1)))
                .toList();
    }
}
