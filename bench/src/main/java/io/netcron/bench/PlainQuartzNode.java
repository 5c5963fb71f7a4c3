package io.netcron.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * The baseline: one node of a Quartz cluster wired by hand (JobStoreTX, PostgreSQLDelegate,
 * clustered), either with Quartz's defaults (check-in interval, idle wait, batch size and lock mode
 * left alone) or hand-tuned for a cluster that fires a lot (BENCH_TUNED=true: batch acquisition,
 * acquisition within the lock, shorter idle wait, 10 s misfire threshold, pool sized to the threads).
 * Runs in its own JVM; {@link RecordingJob} writes every execution to {@code bench_fire}, nothing
 * else (no history of its own). Environment: BENCH_DB_URL, BENCH_DB_USER, BENCH_DB_PASSWORD,
 * BENCH_NODE_ID, BENCH_TUNED.
 */
public final class PlainQuartzNode
{
    static final String SCHEDULER_NAME = "bench";

    private static volatile HikariDataSource recorder;

    private PlainQuartzNode() {}

    public static void main(String[] args)
            throws SchedulerException, InterruptedException
    {
        String url = System.getenv("BENCH_DB_URL");
        String user = System.getenv("BENCH_DB_USER");
        Optional<String> password = Optional.ofNullable(System.getenv("BENCH_DB_PASSWORD"));
        String nodeId = System.getenv("BENCH_NODE_ID");
        boolean tuned = Boolean.parseBoolean(System.getenv("BENCH_TUNED"));

        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        password.ifPresent(config::setPassword);
        config.setMaximumPoolSize(5);
        config.setMinimumIdle(2); // the shared server's connections are few
        config.setPoolName("bench-recorder");
        recorder = new HikariDataSource(config);

        Scheduler scheduler = new StdSchedulerFactory(properties(url, user, password, nodeId, tuned)).getScheduler();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                scheduler.shutdown(false); // as an application would on SIGTERM: checks out of the cluster
            }
            catch (SchedulerException e) {
                // exiting anyway
            }
        }));
        scheduler.start();
        System.out.println("plain quartz node " + nodeId + " started");
        new CountDownLatch(1).await(); // until killed
    }

    /**
     * Quartz's own string-typed properties: only what a clustered JDBC store needs, everything else at
     * Quartz's defaults; {@code tuned} adds the settings a cluster firing hundreds of triggers a second wants.
     */
    static Properties properties(String url, String user, Optional<String> password, String instanceId, boolean tuned)
    {
        Properties properties = new Properties();
        properties.setProperty("org.quartz.scheduler.instanceName", SCHEDULER_NAME);
        properties.setProperty("org.quartz.scheduler.instanceId", instanceId);
        // Quartz's bundled quartz.properties value (same as netcron's default of 10 worker threads)
        properties.setProperty("org.quartz.threadPool.threadCount", "10");
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        properties.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        properties.setProperty("org.quartz.jobStore.tablePrefix", "netcron.qrtz_");
        properties.setProperty("org.quartz.jobStore.isClustered", "true");
        properties.setProperty("org.quartz.jobStore.dataSource", "qz");
        properties.setProperty("org.quartz.dataSource.qz.provider", "hikaricp");
        properties.setProperty("org.quartz.dataSource.qz.driver", "org.postgresql.Driver");
        properties.setProperty("org.quartz.dataSource.qz.URL", url);
        properties.setProperty("org.quartz.dataSource.qz.user", user);
        password.ifPresent(value -> properties.setProperty("org.quartz.dataSource.qz.password", value));
        if (tuned) {
            // up to one trigger per worker thread per acquisition, taken under TRIGGER_ACCESS (no doubles)
            properties.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", "10");
            properties.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
            // triggers added by other JVMs are seen within 5 s, not 30
            properties.setProperty("org.quartz.scheduler.idleWaitTime", "5000");
            // late beyond 10 s: the trigger's misfire instruction, not an ever-growing backlog
            properties.setProperty("org.quartz.jobStore.misfireThreshold", "10000");
            properties.setProperty("org.quartz.jobStore.maxMisfiresToHandleAtATime", "50");
            // the scheduler thread, misfire handler, check-in and the ends of runs; the shared server has 100 connections
            properties.setProperty("org.quartz.dataSource.qz.maxConnections", "8");
        }
        return properties;
    }

    /** Sleeps {@code duration_ms} and records the execution: job, scheduled fire time, actual start, instance, recovering. */
    public static final class RecordingJob
            implements Job
    {
        @Override
        public void execute(JobExecutionContext context)
                throws JobExecutionException
        {
            long startedAt = System.currentTimeMillis();
            try (Connection connection = recorder.getConnection();
                    PreparedStatement statement = connection.prepareStatement(
                            "INSERT INTO bench_fire (job_name, scheduled_ms, started_ms, instance_id, recovering) VALUES (?, ?, ?, ?, ?)")) {
                statement.setString(1, context.getJobDetail().getKey().getName());
                statement.setLong(2, context.getScheduledFireTime().getTime());
                statement.setLong(3, startedAt);
                statement.setString(4, context.getScheduler().getSchedulerInstanceId());
                statement.setBoolean(5, context.isRecovering());
                statement.executeUpdate();
            }
            catch (SQLException | SchedulerException e) {
                throw new JobExecutionException(e);
            }
            try {
                Thread.sleep(context.getMergedJobDataMap().getLong("duration_ms"));
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
