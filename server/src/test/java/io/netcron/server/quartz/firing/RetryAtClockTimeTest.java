package io.netcron.server.quartz.firing;

import io.netcron.job.RunCause;
import io.netcron.server.config.QuartzConfig;
import io.netcron.server.config.Settings;
import io.netcron.server.execution.RunEvent;
import io.netcron.server.jobtable.JobRepository;
import io.netcron.server.quartz.store.QuartzKeys;
import io.netcron.server.quartz.store.SchedulerPartitions;
import io.netcron.server.run.RunEnd;
import io.netcron.server.run.RunStart;
import io.netcron.server.run.RunStatus;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a retry starts, decided in-process at a time the test chooses: the job's row (max_retries,
 * retry_backoff) from a real database, the retry a one-shot trigger in a (not started) Quartz
 * scheduler, the node's clock a test clock. No waiting.
 */
class RetryAtClockTimeTest
{
    private static final Instant FIRE_TIME = Instant.parse("2026-03-01T02:00:00Z");

    @ClassDatabase
    private static TestDatabase testDatabase;
    private static JobRepository jobs;
    private final MovableClock clock = new MovableClock(FIRE_TIME.plusSeconds(3));
    private Scheduler scheduler;
    private RetryScheduler retries;

    @BeforeAll
    static void createRepository()
    {
        jobs = new JobRepository(testDatabase.migratedPool());
    }

    @BeforeEach
    void createScheduler()
            throws Exception
    {
        Sql.execute(testDatabase, "TRUNCATE netcron.job CASCADE");
        Sql.execute(testDatabase, "INSERT INTO netcron.job (name, implementation, max_retries, retry_backoff) VALUES ('flaky', 'sleep', 3, '30 seconds')");
        Properties properties = new Properties();
        properties.setProperty("org.quartz.scheduler.instanceName", "retry-clock-" + UUID.randomUUID());
        properties.setProperty("org.quartz.threadPool.threadCount", "1");
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        scheduler = new StdSchedulerFactory(properties).getScheduler();
        scheduler.addJob(JobBuilder.newJob(Noop.class).withIdentity(QuartzKeys.jobKey("flaky")).storeDurably().build(), false);
        retries = new RetryScheduler(SchedulerPartitions.of(scheduler), jobs, QuartzConfig.from(Settings.of(Map.of("quartz.max-retry-delay", "90s"))), clock);
    }

    @AfterEach
    void stopScheduler()
            throws Exception
    {
        scheduler.shutdown(false);
    }

    @Test
    void eachRetryStartsTheDoubledBackoffAfterTheFailureAsTheNodesClockReadsIt()
            throws Exception
    {
        fail(1, RunStatus.FAILED);
        assertThat(retryTrigger(2).getStartTime().toInstant()).isEqualTo(FIRE_TIME.plusSeconds(3 + 30));
        assertThat(retryTrigger(2).getJobDataMap().getString(QuartzKeys.CAUSE)).isEqualTo(RunCause.RETRY.sqlName());

        clock.moveTo(FIRE_TIME.plusSeconds(40));
        fail(2, RunStatus.TIMED_OUT);
        assertThat(retryTrigger(3).getStartTime().toInstant()).isEqualTo(FIRE_TIME.plusSeconds(40 + 60));

        // 120 s would be next: capped by quartz.max-retry-delay
        clock.moveTo(FIRE_TIME.plusSeconds(110));
        fail(3, RunStatus.FAILED);
        assertThat(retryTrigger(4).getStartTime().toInstant()).isEqualTo(FIRE_TIME.plusSeconds(110 + 90));

        // max_retries 3: the fourth attempt was the last
        fail(4, RunStatus.FAILED);
        assertThat(scheduler.getTrigger(retryKey(5))).isNull();
    }

    @Test
    void aSucceededRunIsNotRetried()
            throws Exception
    {
        retries.onEvent(new RunEvent.Finished(start(1), 1, new RunEnd(RunStatus.SUCCEEDED, "{}", null, null, Duration.ofMillis(5))));
        assertThat(scheduler.getTrigger(retryKey(2))).isNull();
    }

    private void fail(int attempt, RunStatus status)
    {
        retries.onEvent(new RunEvent.Finished(start(attempt), attempt, new RunEnd(status, null, "boom", null, Duration.ofMillis(5))));
    }

    private static RunStart start(int attempt)
    {
        return new RunStart("flaky", FIRE_TIME, attempt, attempt == 1 ? RunCause.SCHEDULE : RunCause.RETRY, "node-1", false);
    }

    private Trigger retryTrigger(int attempt)
            throws Exception
    {
        Trigger trigger = scheduler.getTrigger(retryKey(attempt));
        assertThat(trigger).as("retry trigger for attempt " + attempt).isNotNull();
        return trigger;
    }

    private static TriggerKey retryKey(int attempt)
    {
        return TriggerKey.triggerKey(QuartzKeys.oneShotName("flaky", FIRE_TIME, attempt), QuartzKeys.RETRY_GROUP);
    }

    /** A clock the test moves by hand. */
    private static final class MovableClock
            extends Clock
    {
        private volatile Instant now;

        MovableClock(Instant now)
        {
            this.now = now;
        }

        void moveTo(Instant instant)
        {
            now = instant;
        }

        @Override
        public ZoneId getZone()
        {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone)
        {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant()
        {
            return now;
        }
    }

    public static final class Noop
            implements Job
    {
        @Override
        public void execute(JobExecutionContext context) {}
    }
}
