package io.netcron.server.quartz.store;

import io.netcron.server.config.NetcronConfig;
import io.netcron.server.config.Settings;
import io.netcron.server.db.Database;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quartz.CronScheduleBuilder;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.simpl.SimpleJobFactory;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What netcron's store writes around a firing: a fired cron trigger's new fire times, and a firing's end
 * without the cluster-wide trigger lock (a one-shot's one firing, plain firings ending together).
 */
class OneShotCompletionTest
{
    private static final CountDownLatch STARTED = new CountDownLatch(1);
    private static final CountDownLatch FINISH = new CountDownLatch(1);

    @ClassDatabase
    private static TestDatabase testDatabase;
    @ClassDatabase
    private static Database database;
    private static Scheduler scheduler;

    @BeforeAll
    static void startScheduler()
            throws Exception
    {
        NetcronConfig config = NetcronConfig.fromSettings(Settings.of(Map.of("node.id", "one-shot-test")));
        scheduler = QuartzSchedulerFactory.create(StoreOnlyScheduler.onePartition(config.quartz()), config.node(), database.dataSource(), new SimpleJobFactory(), false).first();
        scheduler.start();
    }

    @AfterAll
    static void stopScheduler()
            throws Exception
    {
        FINISH.countDown();
        FINISH_TOGETHER.countDown();
        scheduler.shutdown(false);
    }

    @Test
    void aOneShotThatFiredIsDeletedWhileAnotherSessionHoldsTheTriggerLock()
            throws Exception
    {
        scheduler.addJob(JobBuilder.newJob(Waiting.class).withIdentity(QuartzKeys.jobKey("once")).storeDurably().build(), false);
        scheduler.scheduleJob(TriggerBuilder.newTrigger().withIdentity("once@1#1", QuartzKeys.CATCH_UP_GROUP).forJob(QuartzKeys.jobKey("once")).startNow().build());
        assertThat(STARTED.await(30, TimeUnit.SECONDS)).as("the one-shot fired").isTrue();

        try (Connection lock = testDatabase.connect()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.executeQuery("SELECT 1 FROM netcron.qrtz_locks WHERE sched_name = 'netcron' AND lock_name = 'TRIGGER_ACCESS' FOR UPDATE").close();
            }
            FINISH.countDown();

            await("the one-shot's trigger and fired-trigger rows gone").atMost(Duration.ofSeconds(10)).until(() ->
                    Sql.count(testDatabase, "SELECT count(*) FROM netcron.qrtz_triggers WHERE trigger_name = 'once@1#1'") == 0
                            && Sql.count(testDatabase, "SELECT count(*) FROM netcron.qrtz_fired_triggers WHERE trigger_name = 'once@1#1'") == 0);
            lock.rollback();
        }
        assertThat(scheduler.checkExists(QuartzKeys.jobKey("once"))).as("the durable job stays").isTrue();
    }

    @Test
    void plainFiringsThatEndTogetherAllLeaveNoFiredTriggerRow()
            throws Exception
    {
        for (int i = 0; i < TOGETHER; i++) {
            scheduler.addJob(JobBuilder.newJob(WaitingTogether.class).withIdentity(QuartzKeys.jobKey("plain-" + i)).storeDurably().build(), false);
            // repeating: its firing ends with Quartz's NOOP, the path whose rows are deleted in batches
            scheduler.scheduleJob(TriggerBuilder.newTrigger().withIdentity("plain-" + i, QuartzKeys.GROUP).forJob(QuartzKeys.jobKey("plain-" + i)).startNow()
                    .withSchedule(SimpleScheduleBuilder.repeatMinutelyForever()).build());
        }
        assertThat(STARTED_TOGETHER.await(30, TimeUnit.SECONDS)).as("all fired").isTrue();
        assertThat(Sql.count(testDatabase, "SELECT count(*) FROM netcron.qrtz_fired_triggers WHERE trigger_name LIKE 'plain-%' AND state = 'EXECUTING'")).isEqualTo(TOGETHER);

        FINISH_TOGETHER.countDown();

        await("every ended firing's row deleted").atMost(Duration.ofSeconds(10)).until(() ->
                Sql.count(testDatabase, "SELECT count(*) FROM netcron.qrtz_fired_triggers WHERE trigger_name LIKE 'plain-%'") == 0);
    }

    @Test
    void aFiredCronTriggerStoresItsNewFireTimesAndKeepsItsCron()
            throws Exception
    {
        scheduler.addJob(JobBuilder.newJob(Counting.class).withIdentity(QuartzKeys.jobKey("every-second")).storeDurably().build(), false);
        scheduler.scheduleJob(TriggerBuilder.newTrigger().withIdentity("every-second", QuartzKeys.GROUP).forJob(QuartzKeys.jobKey("every-second"))
                .withSchedule(CronScheduleBuilder.cronSchedule("* * * * * ?").withMisfireHandlingInstructionDoNothing()).build());
        assertThat(FIRED_TWICE.await(30, TimeUnit.SECONDS)).as("fired twice").isTrue();

        assertThat(Sql.rows(testDatabase, """
                        SELECT t.next_fire_time - t.prev_fire_time AS step, t.trigger_state, t.trigger_type, c.cron_expression
                        FROM netcron.qrtz_triggers t JOIN netcron.qrtz_cron_triggers c USING (sched_name, trigger_name, trigger_group)
                        WHERE t.trigger_name = 'every-second'"""))
                .singleElement()
                .satisfies(row -> {
                    assertThat(row).containsEntry("step", 1_000L).containsEntry("trigger_type", "CRON").containsEntry("cron_expression", "* * * * * ?");
                    assertThat(row.get("trigger_state")).isIn("WAITING", "ACQUIRED");
                });
        scheduler.deleteJob(QuartzKeys.jobKey("every-second"));
    }

    private static final CountDownLatch FIRED_TWICE = new CountDownLatch(2);

    public static final class Counting
            implements Job
    {
        @Override
        public void execute(JobExecutionContext context)
        {
            FIRED_TWICE.countDown();
        }
    }

    private static final int TOGETHER = 6;
    private static final CountDownLatch STARTED_TOGETHER = new CountDownLatch(TOGETHER);
    private static final CountDownLatch FINISH_TOGETHER = new CountDownLatch(1);

    public static final class WaitingTogether
            implements Job
    {
        @Override
        public void execute(JobExecutionContext context)
        {
            STARTED_TOGETHER.countDown();
            try {
                FINISH_TOGETHER.await(30, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static final class Waiting
            implements Job
    {
        @Override
        public void execute(JobExecutionContext context)
        {
            STARTED.countDown();
            try {
                FINISH.await(30, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
