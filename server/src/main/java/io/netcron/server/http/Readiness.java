package io.netcron.server.http;

import com.google.inject.Inject;
import io.netcron.server.config.HttpConfig;
import io.netcron.server.db.Migrations;
import io.netcron.server.errors.Errors;
import io.netcron.server.lifecycle.NamedThreads;
import io.netcron.server.node.LeaseGuard;
import io.netcron.server.node.LocalScheduler;

import javax.sql.DataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.util.Objects.requireNonNull;

/**
 * Whether this node can do its work: the database answers within {@code http.ready-timeout}, its
 * schema has every migration this node ships, and the scheduler is started and not in standby.
 * One database probe runs at a time: a hung database does not pile up threads, later requests
 * wait for the probe already under way.
 */
public final class Readiness
        implements AutoCloseable
{
    private final DataSource dataSource;
    private final LocalScheduler scheduler;
    private final Duration timeout;
    private final LeaseGuard lease;
    private final ExecutorService prober = Executors.newSingleThreadExecutor(NamedThreads.daemonThreads("netcron-ready"));
    private volatile Set<String> knownVersions;
    private CompletableFuture<DatabaseState> probe;
    private long probeStarted;

    @Inject
    public Readiness(DataSource dataSource, LocalScheduler scheduler, HttpConfig config, LeaseGuard lease)
    {
        this.lease = requireNonNull(lease, "lease is null");
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.timeout = config.readyTimeout();
    }

    /** Reads which migrations this node ships; call once while the database is known to be up (at start). */
    public void prepare()
    {
        knownVersions = Migrations.knownVersions(dataSource);
    }

    public Health check()
    {
        Map<String, Health.Check> checks = new LinkedHashMap<>();
        DatabaseState database = probeDatabase();
        checks.put("database", database.database());
        checks.put("schema", database.schema());
        checks.put("scheduler", schedulerCheck());
        checks.put("lease", lease.fencedReason()
                .map(Health.Check::down)
                .orElseGet(() -> Health.Check.up("held (database session " + lease.lease().backendPid() + "), clock offset " + lease.clockOffsetMillis() + " ms")));
        return new Health(checks);
    }

    private DatabaseState probeDatabase()
    {
        CompletableFuture<DatabaseState> current;
        long waitingSince;
        synchronized (this) {
            if (probe == null || probe.isDone()) {
                probe = CompletableFuture.supplyAsync(this::queryDatabase, prober);
                probeStarted = System.nanoTime();
            }
            current = probe;
            waitingSince = probeStarted;
        }
        try {
            return current.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException e) {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - waitingSince);
            String reason = "no answer within " + timeout.toMillis() + " ms" + (seconds > timeout.toSeconds() + 1 ? " (a probe has waited " + seconds + " s)" : "");
            return new DatabaseState(Health.Check.down(reason), Health.Check.down("unknown: database unreachable"));
        }
        catch (ExecutionException e) {
            return new DatabaseState(Health.Check.down(oneLine(e.getCause())), Health.Check.down("unknown: database unreachable"));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DatabaseState(Health.Check.down("interrupted"), Health.Check.down("unknown"));
        }
    }

    private DatabaseState queryDatabase()
    {
        long before = System.nanoTime();
        Set<String> applied = new TreeSet<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(Migrations.APPLIED_VERSIONS_SQL)) {
            statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    applied.add(rows.getString(1));
                }
            }
        }
        catch (SQLException e) {
            throw new DatabaseUnreachable(e);
        }
        Health.Check database = Health.Check.up("answered in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before) + " ms");
        Set<String> known = knownVersions;
        if (known == null) {
            return new DatabaseState(database, Health.Check.down("unknown: not prepared"));
        }
        Set<String> pending = new TreeSet<>(known);
        pending.removeAll(applied);
        if (!pending.isEmpty()) {
            return new DatabaseState(database, Health.Check.down("migrations not applied: " + String.join(", ", pending)));
        }
        Set<String> newer = new TreeSet<>(applied);
        newer.removeAll(known);
        return new DatabaseState(database, Health.Check.up(newer.isEmpty()
                ? "all " + known.size() + " migrations applied"
                : "all " + known.size() + " migrations applied; the database also has newer ones (" + String.join(", ", newer) + ") from a newer node"));
    }

    private Health.Check schedulerCheck()
    {
        try {
            if (scheduler.isShutdown()) {
                return Health.Check.down("shut down");
            }
            if (!scheduler.isStarted()) {
                return Health.Check.down("not started yet");
            }
            if (scheduler.isInStandbyMode()) {
                return Health.Check.down("in standby: acquires no new firings (drained; JMX io.netcron:type=Node resume() restarts it)");
            }
            return Health.Check.up("started, " + scheduler.executing().size() + " of " + scheduler.threadPoolSize() + " worker threads busy");
        }
        catch (LocalScheduler.LocalSchedulerException e) {
            return Health.Check.down(oneLine(e));
        }
    }

    static String oneLine(Throwable error)
    {
        Throwable cause = error instanceof DatabaseUnreachable && error.getCause() != null ? error.getCause() : error;
        return Errors.firstLine(cause);
    }

    @Override
    public void close()
    {
        prober.shutdownNow();
    }

    private record DatabaseState(Health.Check database, Health.Check schema) {}

    private static final class DatabaseUnreachable
            extends RuntimeException
    {
        DatabaseUnreachable(SQLException cause)
        {
            super(cause.getMessage(), cause);
        }
    }
}
