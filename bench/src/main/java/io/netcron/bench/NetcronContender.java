package io.netcron.bench;

import io.netcron.server.config.DatabaseConfig;
import io.netcron.server.db.DataSources;
import io.netcron.server.testing.NodeProcess;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.netcron.bench.ClusterBenchmark.await;

/**
 * netcron nodes with their default settings, jobs added and timings read through netcron's own
 * tables. Variants change one setting to show what it gains in the same run: {@code netcron-1p}
 * has one Quartz partition (the firing path before partitions), {@code netcron-30t} 30 worker
 * threads per node (and Quartz batches of 30, pools sized to them); both can be combined
 * ({@code netcron-4p-30t}).
 */
final class NetcronContender
        implements Contender
{
    private final TestDatabase database = TestDatabase.create(NetcronContender.class);
    private final ContenderNodes nodes = new ContenderNodes();
    private final Optional<Integer> partitions;
    private final Optional<Integer> threads;

    NetcronContender(Optional<Integer> partitions, Optional<Integer> threads)
    {
        this.partitions = partitions;
        this.threads = threads;
    }

    /** {@code netcron}, {@code netcron-<partitions>p}, {@code netcron-<threads>t} or {@code netcron-<partitions>p-<threads>t}; empty for other names. */
    static Optional<NetcronContender> named(String name)
    {
        Matcher matcher = Pattern.compile("netcron(?:-([1-9][0-9]?)p)?(?:-([1-9][0-9]{0,2})t)?").matcher(name);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new NetcronContender(Optional.ofNullable(matcher.group(1)).map(Integer::valueOf), Optional.ofNullable(matcher.group(2)).map(Integer::valueOf)));
    }

    @Override
    public String label()
    {
        List<String> settings = new ArrayList<>();
        partitions.ifPresent(count -> settings.add(count + " partition" + (count == 1 ? "" : "s")));
        threads.ifPresent(count -> settings.add(count + " threads"));
        return settings.isEmpty() ? "netcron" : "netcron " + String.join(", ", settings);
    }

    @Override
    public String key()
    {
        return "netcron" + partitions.map(count -> "-" + count + "p").orElse("") + threads.map(count -> "-" + count + "t").orElse("");
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
        for (int i = 1; i <= ClusterBenchmark.NODES; i++) {
            String nodeId = "netcron-" + i;
            Map<String, String> environment = new java.util.LinkedHashMap<>(database.environment());
            partitions.ifPresent(count -> environment.put("NETCRON_QUARTZ_PARTITIONS", Integer.toString(count)));
            threads.ifPresent(count -> {
                environment.put("NETCRON_THREADS", Integer.toString(count));
                environment.put("NETCRON_QUARTZ_BATCH_SIZE", Integer.toString(count));
                environment.put("NETCRON_DB_POOL_SIZE", Integer.toString(Math.max(DatabaseConfig.DEFAULT_POOL_SIZE, DataSources.minimumPoolSize(count))));
            });
            nodes.add(nodeId, NodeProcess.startServer(nodeId, environment));
        }
        for (NodeProcess node : nodes.all()) {
            await(node.name() + " active", Duration.ofSeconds(120), () -> {
                if (!node.isAlive()) {
                    throw new IllegalStateException(node.name() + " exited; log:\n" + node.output());
                }
                try {
                    // this process's row (a restart finds the previous one still there)
                    return Optional.ofNullable(Sql.value(database, "SELECT state FROM netcron.node WHERE node_id = ? AND pid = ?", node.name(), node.pid())).filter("active"::equals);
                }
                catch (IllegalStateException e) {
                    return Optional.empty(); // schema not there yet
                }
            });
        }
    }

    @Override
    public void addJobs(String prefix, int count, String cron, long durationMs)
    {
        Sql.execute(database, """
                INSERT INTO netcron.job (name, implementation, schedule, params)
                SELECT ? || '-' || i, 'sleep', ?, jsonb_build_object('duration_ms', ?::bigint)
                FROM generate_series(1, ?) AS i""", prefix, cron, durationMs, count);
    }

    @Override
    public TestDatabase database()
    {
        return database;
    }

    @Override
    public long recordedMisses(String prefix, long fromMs, long toMs)
    {
        return Sql.count(database, """
                SELECT count(*) FROM netcron.missed_fire WHERE job_name LIKE ? || '-%'
                AND scheduled_at >= to_timestamp(? / 1000.0) AND scheduled_at < to_timestamp(? / 1000.0)""", prefix, fromMs, toMs);
    }

    @Override
    public List<Firing> firings(String prefix)
    {
        return Sql.rows(database, """
                SELECT job_name, node_id, (extract(epoch FROM scheduled_at) * 1000)::bigint AS scheduled_ms, (extract(epoch FROM started_at) * 1000)::bigint AS started_ms
                FROM netcron.job_run WHERE job_name LIKE ? || '-%' AND status <> 'skipped'""", prefix).stream()
                .map(row -> new Firing((String) row.get("job_name"), ((Number) row.get("scheduled_ms")).longValue(), ((Number) row.get("started_ms")).longValue(), (String) row.get("node_id")))
                .toList();
    }

    @Override
    public void removeJobs(String prefix, int count)
    {
        // deleted, as the Quartz sides delete theirs (one deleteJobs call); their runs stay in job_run.
        // -Dbench.netcron-remove=disable disables them instead (an operator's UPDATE ... SET enabled = false)
        if ("disable".equals(System.getProperty("bench.netcron-remove", "delete"))) {
            Sql.execute(database, "UPDATE netcron.job SET enabled = false WHERE name LIKE ? || '-%'", prefix);
        }
        else {
            Sql.execute(database, "DELETE FROM netcron.job WHERE name LIKE ? || '-%'", prefix);
        }
    }

    @Override
    public void addLongRecoverableJob(String name, Instant at)
    {
        // recoverable is the default for netcron.job; a Quartz cron with a year fires once
        String once = DateTimeFormatter.ofPattern("s m H d M '?' yyyy").withZone(ZoneOffset.UTC).format(at);
        Sql.execute(database, "INSERT INTO netcron.job (name, implementation, schedule, params) VALUES (?, 'sleep', ?, '{\"duration_ms\": 60000}')", name, once);
    }

    @Override
    public Optional<String> nodeRunning(String job)
    {
        return Optional.ofNullable((String) Sql.value(database, "SELECT node_id FROM netcron.job_run WHERE job_name = ? AND attempt = 1 AND status = 'running'", job));
    }

    @Override
    public Optional<Instant> recoveryStart(String job)
    {
        return Optional.ofNullable((Number) Sql.value(database, "SELECT (extract(epoch FROM started_at) * 1000)::bigint FROM netcron.job_run WHERE job_name = ? AND cause = 'recovery'", job))
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
        database.close();
    }
}
