package io.netcron.bench;

import io.netcron.server.testing.NodeProcess;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.IntStream;

import static io.netcron.bench.ClusterBenchmark.await;

/**
 * Three {@link PlainQuartzNode} JVMs on a fresh database holding only Quartz's tables (netcron's V001
 * DDL) and {@code bench_fire}. Jobs are scheduled through a Quartz client instance that is never
 * started, as an application would do it.
 */
final class QuartzContender
        implements Contender
{
    private final TestDatabase database = TestDatabase.create(QuartzContender.class);
    private final ContenderNodes nodes = new ContenderNodes();
    private final Scheduler client;
    private final boolean tuned;

    QuartzContender(boolean tuned)
    {
        this.tuned = tuned;
        try (InputStream ddl = NodeProcess.class.getClassLoader().getResourceAsStream("db/migration/V001__quartz_tables.sql");
                Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA netcron");
            statement.execute(new String(ddl.readAllBytes(), StandardCharsets.UTF_8));
            statement.execute("CREATE TABLE bench_fire (job_name text NOT NULL, scheduled_ms bigint NOT NULL, started_ms bigint NOT NULL, instance_id text NOT NULL, recovering boolean NOT NULL)");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (SQLException e) {
            throw new IllegalStateException("baseline schema: " + e.getMessage(), e);
        }
        try {
            Properties properties = PlainQuartzNode.properties(database.plainUrl(), database.user(), database.password(), "bench-client", tuned);
            properties.setProperty("org.quartz.dataSource.qz.maxConnections", "2"); // only schedules jobs; the shared server's connections are few
            client = new StdSchedulerFactory(properties).getScheduler();
        }
        catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String label()
    {
        return tuned ? "Quartz hand-tuned" : "Quartz defaults";
    }

    @Override
    public String key()
    {
        return tuned ? "quartz_tuned" : "quartz_defaults";
    }

    @Override
    public void stopNodes()
    {
        nodes.stopAll();
    }

    @Override
    public Map<String, Long> nodePids()
    {
        return nodes.pids();
    }

    @Override
    public void startNodes()
    {
        long launched = System.currentTimeMillis();
        for (int i = 1; i <= ClusterBenchmark.NODES; i++) {
            String nodeId = "quartz-" + i;
            Map<String, String> environment = new LinkedHashMap<>(Map.of(
                    "BENCH_DB_URL", database.plainUrl(),
                    "BENCH_DB_USER", database.user(),
                    "BENCH_NODE_ID", nodeId,
                    "BENCH_TUNED", Boolean.toString(tuned)));
            database.password().ifPresent(value -> environment.put("BENCH_DB_PASSWORD", value));
            nodes.add(nodeId, NodeProcess.startMain(nodeId, environment, PlainQuartzNode.class.getName()));
        }
        await("quartz nodes checked in", Duration.ofSeconds(120), () -> {
            nodes.all().stream().filter(node -> !node.isAlive()).findFirst().ifPresent(node -> {
                throw new IllegalStateException(node.name() + " exited; log:\n" + node.output());
            });
            long checkedIn = Sql.count(database, "SELECT count(*) FROM netcron.qrtz_scheduler_state WHERE instance_name LIKE 'quartz-%' AND last_checkin_time >= ?", launched);
            return checkedIn == ClusterBenchmark.NODES ? Optional.of(true) : Optional.empty();
        });
    }

    @Override
    public TestDatabase database()
    {
        return database;
    }

    @Override
    public long recordedMisses(String prefix, long fromMs, long toMs)
    {
        return -1;
    }

    @Override
    public void addJobs(String prefix, int count, String cron, long durationMs)
    {
        try {
            for (int i = 1; i <= count; i++) {
                client.scheduleJob(
                        JobBuilder.newJob(PlainQuartzNode.RecordingJob.class).withIdentity(prefix + "-" + i).usingJobData("duration_ms", durationMs).build(),
                        TriggerBuilder.newTrigger().withIdentity(prefix + "-" + i).withSchedule(CronScheduleBuilder.cronSchedule(cron)).build());
            }
        }
        catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<Firing> firings(String prefix)
    {
        return Sql.rows(database, "SELECT job_name, scheduled_ms, started_ms, instance_id FROM bench_fire WHERE job_name LIKE ? || '-%'", prefix).stream()
                .map(row -> new Firing((String) row.get("job_name"), ((Number) row.get("scheduled_ms")).longValue(), ((Number) row.get("started_ms")).longValue(), (String) row.get("instance_id")))
                .toList();
    }

    @Override
    public void removeJobs(String prefix, int count)
    {
        try {
            client.deleteJobs(IntStream.rangeClosed(1, count).mapToObj(i -> JobKey.jobKey(prefix + "-" + i)).toList());
        }
        catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void addLongRecoverableJob(String name, Instant at)
    {
        try {
            client.scheduleJob(
                    JobBuilder.newJob(PlainQuartzNode.RecordingJob.class).withIdentity(name).usingJobData("duration_ms", 60_000L).requestRecovery(true).build(),
                    TriggerBuilder.newTrigger().withIdentity(name).startAt(Date.from(at)).build());
        }
        catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<String> nodeRunning(String job)
    {
        return Optional.ofNullable((String) Sql.value(database, "SELECT instance_id FROM bench_fire WHERE job_name = ? AND NOT recovering", job));
    }

    @Override
    public Optional<Instant> recoveryStart(String job)
    {
        return Optional.ofNullable((Number) Sql.value(database, "SELECT started_ms FROM bench_fire WHERE job_name = ? AND recovering", job))
                .map(millis -> Instant.ofEpochMilli(millis.longValue()));
    }

    @Override
    public void kill(String nodeId)
    {
        nodes.get(nodeId).kill();
    }

    @Override
    public void close()
    {
        nodes.closeAll();
        try {
            client.shutdown();
        }
        catch (SchedulerException e) {
            // the database goes next anyway
        }
        database.close();
    }
}
