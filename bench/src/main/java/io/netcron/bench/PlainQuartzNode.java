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
 * The baseline: one node of a Quartz cluster wired by hand with Quartz's defaults (JobStoreTX,
 * PostgreSQLDelegate, clustered; check-in interval, idle wait, batch size and lock mode left at
 * their defaults). Runs in its own JVM; {@link RecordingJob} writes every execution to
 * {@code bench_fire}. Environment: BENCH_DB_URL, BENCH_DB_USER, BENCH_DB_PASSWORD, BENCH_NODE_ID.
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

        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        password.ifPresent(config::setPassword);
        config.setMaximumPoolSize(10);
        config.setPoolName("bench-recorder");
        recorder = new HikariDataSource(config);

        Scheduler scheduler = new StdSchedulerFactory(properties(url, user, password, nodeId)).getScheduler();
        scheduler.start();
        System.out.println("plain quartz node " + nodeId + " started");
        new CountDownLatch(1).await(); // until killed
    }

    /** Quartz's own string-typed properties: only what a clustered JDBC store needs; everything else at Quartz's defaults. */
    static Properties properties(String url, String user, Optional<String> password, String instanceId)
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
