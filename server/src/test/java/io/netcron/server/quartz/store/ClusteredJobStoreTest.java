package io.netcron.server.quartz.store;

import io.netcron.server.config.QuartzConfig;
import io.netcron.server.quartz.firing.NetcronQuartzJob;
import org.junit.jupiter.api.Test;
import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.PersistJobDataAfterExecution;
import org.quartz.Trigger.CompletedExecutionInstruction;
import org.quartz.TriggerBuilder;
import org.quartz.spi.OperableTrigger;

import static org.assertj.core.api.Assertions.assertThat;

class ClusteredJobStoreTest
{
    @Test
    void aNodeIsDeadOnceItsCheckInIsOlderThanItsIntervalPlusTheConfiguredSlack()
    {
        long slack = QuartzConfig.DEFAULT_FAILURE_SLACK.toMillis();
        assertThat(ClusteredJobStore.failedIfAfter(100_000, 2_000, 500, slack)).isEqualTo(100_000 + 2_000 + 3_000);
    }

    @Test
    void aStalledObserverWaitsAsLongAsItWasStalledItself()
    {
        assertThat(ClusteredJobStore.failedIfAfter(100_000, 2_000, 6_000, 3_000)).isEqualTo(100_000 + 6_000 + 3_000);
    }

    @Test
    void usesQuartzsSlackUntilConfiguredAndTheConfiguredOneAfter()
    {
        ClusteredJobStore store = new ClusteredJobStore();
        assertThat(store.getFailureSlackMillis()).isEqualTo(7_500);
        store.setFailureSlackMillis(3_000);
        assertThat(store.getFailureSlackMillis()).isEqualTo(3_000);
    }

    @Test
    void aPlainFiringThatLeavesItsTriggerAsItIsEndsWithoutTheClusterLock()
    {
        assertThat(ClusteredJobStore.completesWithoutLock(CompletedExecutionInstruction.NOOP, JobBuilder.newJob(NetcronQuartzJob.class).build())).isTrue();
    }

    @Test
    void aFiringThatChangesTriggerStateEndsUnderTheClusterLockAsInQuartz()
    {
        assertThat(ClusteredJobStore.completesWithoutLock(CompletedExecutionInstruction.DELETE_TRIGGER, JobBuilder.newJob(NetcronQuartzJob.class).build())).isFalse();
        assertThat(ClusteredJobStore.completesWithoutLock(CompletedExecutionInstruction.SET_TRIGGER_COMPLETE, JobBuilder.newJob(NetcronQuartzJob.class).build())).isFalse();
    }

    @Test
    void aOneShotThatFiredItsOneTimeEndsWithoutTheClusterLockUnlessQuartzMustOrderIt()
    {
        org.quartz.spi.OperableTrigger fired = (org.quartz.spi.OperableTrigger) org.quartz.TriggerBuilder.newTrigger().forJob("j").build();
        fired.setNextFireTime(null);
        org.quartz.JobDetail durable = JobBuilder.newJob(NetcronQuartzJob.class).storeDurably().build();
        assertThat(ClusteredJobStore.oneShotDoneWithoutLock(fired, CompletedExecutionInstruction.DELETE_TRIGGER, durable)).isTrue();
        assertThat(ClusteredJobStore.oneShotDoneWithoutLock(fired, CompletedExecutionInstruction.DELETE_TRIGGER, JobBuilder.newJob(NetcronQuartzJob.class).build()))
                .as("a non-durable job goes with its last trigger: Quartz's locked path").isFalse();
        assertThat(ClusteredJobStore.oneShotDoneWithoutLock(fired, CompletedExecutionInstruction.DELETE_TRIGGER, JobBuilder.newJob(Exclusive.class).storeDurably().build())).isFalse();
        assertThat(ClusteredJobStore.oneShotDoneWithoutLock(fired, CompletedExecutionInstruction.SET_TRIGGER_ERROR, durable)).isFalse();
        fired.setNextFireTime(new java.util.Date());
        assertThat(ClusteredJobStore.oneShotDoneWithoutLock(fired, CompletedExecutionInstruction.DELETE_TRIGGER, durable)).as("fires again").isFalse();
    }

    @Test
    void onlyAFiredCronTriggerWithUnchangedDataStoresJustItsFireTimes()
    {
        OperableTrigger cron = (OperableTrigger) TriggerBuilder.newTrigger().withIdentity("cron").withSchedule(CronScheduleBuilder.cronSchedule("0 * * * * ?")).build();
        OperableTrigger oneShot = (OperableTrigger) TriggerBuilder.newTrigger().withIdentity("once").startNow().build();

        assertThat(ClusteredJobStore.firedCronTrigger(cron, true, true, false)).isTrue();
        assertThat(ClusteredJobStore.firedCronTrigger(oneShot, true, true, false)).as("a one-shot counts its firings in its own row").isFalse();
        assertThat(ClusteredJobStore.firedCronTrigger(cron, false, true, false)).as("a new trigger").isFalse();
        assertThat(ClusteredJobStore.firedCronTrigger(cron, true, false, false)).as("state decided by Quartz").isFalse();
        assertThat(ClusteredJobStore.firedCronTrigger(cron, true, true, true)).as("recovering").isFalse();
        cron.getJobDataMap().put("changed", "yes");
        assertThat(ClusteredJobStore.firedCronTrigger(cron, true, true, false)).as("job data to write").isFalse();
    }

    @Test
    void aJobQuartzKeepsFromOverlappingOrWhoseDataItPersistsEndsUnderTheClusterLock()
    {
        assertThat(ClusteredJobStore.completesWithoutLock(CompletedExecutionInstruction.NOOP, JobBuilder.newJob(Exclusive.class).build())).isFalse();
        assertThat(ClusteredJobStore.completesWithoutLock(CompletedExecutionInstruction.NOOP, JobBuilder.newJob(Persisting.class).build())).isFalse();
    }

    @DisallowConcurrentExecution
    public static final class Exclusive
            implements Job
    {
        @Override
        public void execute(JobExecutionContext context) {}
    }

    @PersistJobDataAfterExecution
    public static final class Persisting
            implements Job
    {
        @Override
        public void execute(JobExecutionContext context) {}
    }
}
