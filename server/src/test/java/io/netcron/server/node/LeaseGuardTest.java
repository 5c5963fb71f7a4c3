package io.netcron.server.node;

import io.netcron.server.config.HttpConfig;
import io.netcron.server.config.NodeConfig;
import io.netcron.server.config.QuartzConfig;
import io.netcron.server.config.Settings;
import io.netcron.server.db.Database;
import io.netcron.server.db.DatabaseLocation;
import io.netcron.server.http.Health;
import io.netcron.server.http.Readiness;
import io.netcron.server.quartz.firing.QuartzLocalScheduler;
import io.netcron.server.quartz.store.SchedulerPartitions;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.InterruptableJob;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The lease guard against a real database and a real (in-memory) Quartz scheduler: a clock off
 * from the database's puts the node in standby and makes it not ready; a lease session cut under
 * the node takes its lease again at once and, unless its work was recovered meanwhile (its Quartz
 * check-in row gone), leaves its running jobs alone; if it was, it interrupts them first.
 */
class LeaseGuardTest
{
    @ClassDatabase
    private static TestDatabase testDatabase;
    @ClassDatabase
    private static Database database;
    private Scheduler scheduler;
    private NodeLease lease;

    @AfterEach
    void stop()
            throws Exception
    {
        if (scheduler != null) {
            scheduler.shutdown(false);
        }
        if (lease != null) {
            lease.close();
        }
    }

    @Test
    void aClockOffByMoreThanHalfTheFailureWindowIsStandbyAndNotReady()
            throws Exception
    {
        LeaseGuard guard = guard("skewed", () -> System.currentTimeMillis() + 5_000);

        guard.check();

        assertThat(scheduler.isInStandbyMode()).isTrue();
        assertThat(guard.clockOffsetMillis()).isBetween(-5_500L, -4_500L);
        Readiness readiness = new Readiness(database.dataSource(), new QuartzLocalScheduler(SchedulerPartitions.of(scheduler)), HttpConfig.from(Settings.of(Map.of())), guard);
        readiness.prepare();
        Health health = readiness.check();
        assertThat(health.up()).isFalse();
        assertThat(health.checks().get("lease").reason()).hasValueSatisfying(reason -> assertThat(reason).contains("clock off from the database's by"));
        readiness.close();
    }

    @Test
    void aClockWithinHalfTheFailureWindowKeepsTheNodeActive()
            throws Exception
    {
        LeaseGuard guard = guard("on-time", () -> System.currentTimeMillis() + 500);

        guard.check();

        assertThat(scheduler.isInStandbyMode()).isFalse();
        assertThat(guard.fencedReason()).isEmpty();
    }

    @Test
    void aNodeWhoseClockComesBackIsActiveAgainUnlessAnOperatorDrainedItMeanwhile()
            throws Exception
    {
        AtomicLong skew = new AtomicLong(5_000);
        LeaseGuard guard = guard("back-in-time", () -> System.currentTimeMillis() + skew.get());
        guard.check();
        assertThat(scheduler.isInStandbyMode()).isTrue();

        skew.set(0);
        guard.check();
        assertThat(scheduler.isInStandbyMode()).as("active again once the clock is back").isFalse();

        skew.set(5_000);
        guard.check();
        Sql.execute(testDatabase, "UPDATE netcron.node SET state = 'standby' WHERE node_id = 'back-in-time'");
        skew.set(0);
        guard.check();
        assertThat(guard.fencedReason()).isEmpty();
        assertThat(scheduler.isInStandbyMode()).as("the operator's drain stays in force").isTrue();
    }

    @Test
    void aLostLeaseWhoseWorkWasRecoveredInterruptsTheRunningJobsThenIsTakenAgain()
            throws Exception
    {
        LeaseGuard guard = guard("cut", System::currentTimeMillis);

        int before = cutTheLeaseSessionWhileAJobRuns(guard);

        assertThat(Blocking.interrupted.await(5, TimeUnit.SECONDS)).as("the running job interrupted").isTrue();
        assertThat(lease.backendPid()).isNotEqualTo(before);
        assertThat(Sql.value(testDatabase, "SELECT netcron.node_lease_held('cut')")).isEqualTo(true);
        assertThat(guard.fencedReason()).isEmpty();
        assertThat(scheduler.isInStandbyMode()).isFalse();
        assertThat(Sql.value(testDatabase, "SELECT lease_pid FROM netcron.node WHERE node_id = 'cut'")).isEqualTo(lease.backendPid());
    }

    @Test
    void aLeaseTakenBackBeforeAnyRecoveryLeavesTheRunningJobsAlone()
            throws Exception
    {
        LeaseGuard guard = guard("blip", System::currentTimeMillis);
        // the node's Quartz check-in row, which a recovery by another node would have deleted
        Sql.execute(testDatabase, "INSERT INTO netcron.qrtz_scheduler_state (sched_name, instance_name, last_checkin_time, checkin_interval) VALUES (?, ?, 0, 1000)",
                scheduler.getSchedulerName(), scheduler.getSchedulerInstanceId());

        int before = cutTheLeaseSessionWhileAJobRuns(guard);

        assertThat(Blocking.interrupted.await(1, TimeUnit.SECONDS)).as("the running job left alone").isFalse();
        assertThat(lease.backendPid()).isNotEqualTo(before);
        assertThat(guard.fencedReason()).isEmpty();
        assertThat(scheduler.isInStandbyMode()).isFalse();
    }

    @Test
    void onlyASessionTheServerEndedIsTakenBackBeforeTheRunsAreFenced()
    {
        assertThat(LeaseGuard.endedByServer(new java.sql.SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(LeaseGuard.endedByServer(new java.sql.SQLException("the database system is shutting down", "57P03"))).isTrue();
        // a partition: the socket timed out; a new connection could hang while other nodes count down
        assertThat(LeaseGuard.endedByServer(new java.sql.SQLException("An I/O error occurred while sending to the backend.", "08006"))).isFalse();
        assertThat(LeaseGuard.endedByServer(new java.sql.SQLException("no state"))).isFalse();
    }

    private LeaseGuard guard(String nodeId, LongSupplier clock)
            throws Exception
    {
        Sql.execute(testDatabase, """
                INSERT INTO netcron.node (node_id, host, pid, version, started_at, last_seen, state) VALUES (?, 'test-host', 1, 'test', now(), now(), 'active')""", nodeId);
        Properties properties = new Properties();
        properties.setProperty("org.quartz.scheduler.instanceName", "lease-guard-" + UUID.randomUUID());
        properties.setProperty("org.quartz.threadPool.threadCount", "2");
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        scheduler = new StdSchedulerFactory(properties).getScheduler();
        scheduler.start();
        lease = NodeLease.acquire(new DatabaseLocation(testDatabase.plainUrl(), testDatabase.user(), testDatabase.password(), false), nodeId, clock);
        LeaseGuard guard = new LeaseGuard(lease, new QuartzLocalScheduler(SchedulerPartitions.of(scheduler)), database, NodeConfig.from(Settings.of(Map.of("node.id", nodeId))), QuartzConfig.from(Settings.of(Map.of())));
        await().atMost(Duration.ofSeconds(5)).until(scheduler::isStarted);
        return guard;
    }

    /** Starts {@link Blocking}, ends the lease's session from the server side and lets the guard see it; returns the ended session's pid. */
    private int cutTheLeaseSessionWhileAJobRuns(LeaseGuard guard)
            throws Exception
    {
        Blocking.started = new CountDownLatch(1);
        Blocking.interrupted = new CountDownLatch(1);
        scheduler.scheduleJob(JobBuilder.newJob(Blocking.class).withIdentity("blocking").build(), TriggerBuilder.newTrigger().startNow().build());
        assertThat(Blocking.started.await(10, TimeUnit.SECONDS)).isTrue();
        int before = lease.backendPid();
        Sql.value(testDatabase, "SELECT pg_terminate_backend(?)", before);
        guard.check();
        return before;
    }

    public static final class Blocking
            implements InterruptableJob
    {
        static volatile CountDownLatch started;
        static volatile CountDownLatch interrupted;
        private volatile Thread thread;

        @Override
        public void execute(JobExecutionContext context)
        {
            thread = Thread.currentThread();
            started.countDown();
            try {
                Thread.sleep(30_000);
            }
            catch (InterruptedException e) {
                interrupted.countDown();
            }
        }

        @Override
        public void interrupt()
        {
            thread.interrupt();
        }
    }
}
