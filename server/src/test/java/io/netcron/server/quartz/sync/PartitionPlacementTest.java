package io.netcron.server.quartz.sync;

import io.netcron.server.db.Database;
import io.netcron.server.quartz.store.QuartzKeys;
import io.netcron.server.quartz.store.SchedulerPartitions;
import io.netcron.server.quartz.store.StoreOnlyScheduler;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.CronScheduleBuilder;
import org.quartz.Scheduler;
import org.quartz.TriggerBuilder;
import org.quartz.spi.OperableTrigger;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a job's Quartz job and trigger live when the jobs are spread over partitions (scheduler names). */
class PartitionPlacementTest
{
    @ClassDatabase
    private static TestDatabase testDatabase;
    @ClassDatabase
    private static Database database;
    private static SchedulerPartitions schedulers;
    private static ScheduleSync sync;
    private static StoredSchedules stored;

    @BeforeAll
    static void createSchedulers()
            throws Exception
    {
        stored = StoredSchedules.create(database, "placement-test", 3);
        schedulers = stored.schedulers();
        sync = stored.sync();
    }

    @AfterAll
    static void shutDownSchedulers()
            throws Exception
    {
        stored.shutdown();
    }

    @Test
    void everyJobLivesInTheOnePartitionItsNameChooses()
    {
        for (int i = 0; i < 30; i++) {
            Sql.execute(testDatabase, "INSERT INTO netcron.job (name, implementation, schedule) VALUES (?, 'sleep', '0 0 * * *')", "placed-" + i);
        }
        sync.reconcileAll();

        List<Map<String, Object>> placed = Sql.rows(testDatabase, "SELECT sched_name, job_name FROM netcron.qrtz_triggers WHERE job_name LIKE 'placed-%'");
        assertThat(placed).hasSize(30);
        assertThat(placed).allSatisfy(row -> assertThat(row.get("sched_name"))
                .isEqualTo(List.of("netcron", "netcron-1", "netcron-2").get(SchedulerPartitions.index((String) row.get("job_name"), 3))));
        assertThat(placed).extracting(row -> row.get("sched_name")).as("30 names spread over all three partitions").contains("netcron", "netcron-1", "netcron-2");
    }

    @Test
    void aJobLeftInAnotherPartitionIsMovedAndContinuesAfterItsLastFireTime()
            throws Exception
    {
        Scheduler home = schedulers.forJob("moving");
        Scheduler other = schedulers.all().stream().filter(scheduler -> scheduler != home).findFirst().orElseThrow();
        Sql.execute(testDatabase, "INSERT INTO netcron.job (name, implementation, schedule) VALUES ('moving', 'sleep', '* * * * * ?')");
        // as a cluster with another partition count left it: job and trigger in the wrong partition, with a
        // last fire time after the row's last change (later than now, so "now" cannot pass for it)
        Instant lastFire = Instant.now().plusSeconds(3).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        other.addJob(StoreOnlyScheduler.durableJob("moving"), false);
        CronTrigger old = TriggerBuilder.newTrigger().withIdentity(QuartzKeys.triggerKey("moving", 0)).forJob(QuartzKeys.jobKey("moving"))
                .startAt(Date.from(lastFire.minusSeconds(60))).withSchedule(CronScheduleBuilder.cronSchedule("* * * * * ?")).build();
        ((OperableTrigger) old).setPreviousFireTime(Date.from(lastFire));
        ((OperableTrigger) old).setNextFireTime(Date.from(lastFire.plusSeconds(1)));
        other.scheduleJob(old);

        sync.reconcileAll();

        assertThat(other.checkExists(QuartzKeys.jobKey("moving"))).as("removed from the partition it was left in").isFalse();
        List<CronTrigger> moved = ScheduleSync.currentTriggers(home, QuartzKeys.jobKey("moving")).stream().map(CronTrigger.class::cast).toList();
        assertThat(moved).hasSize(1);
        assertThat(moved.getFirst().getStartTime().toInstant()).as("continues after the last fire time, not from now").isEqualTo(lastFire.plusSeconds(1));
        assertThat(Sql.count(testDatabase, "SELECT count(*) FROM netcron.qrtz_job_details WHERE job_name = 'moving'")).isEqualTo(1);
    }
}
