package io.netcron.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.netcron.server.config.DatabaseConfig;

import java.time.Duration;

/**
 * The node's connection pools. Every session has TCP keepalives on both ends, a socket timeout
 * (a half-open connection fails instead of hanging for the OS keepalive time) and
 * {@code idle_in_transaction_session_timeout}; the pool netcron's code and jobs use also has
 * lock and statement timeouts. Quartz gets a pool of its own without those two
 * ({@link #createForQuartz}): its statements wait for its cluster lock by design, and its
 * check-ins then never wait behind job bookkeeping for a connection.
 */
public final class DataSources
{
    /** Past the statement timeout: the server cancels a slow statement first; this catches a server that is gone. */
    static final Duration SOCKET_MARGIN = Duration.ofSeconds(30);
    /** Quartz's longest legitimate wait is for its lock, held by sessions that die after the idle-in-transaction timeout. */
    static final Duration QUARTZ_SOCKET_TIMEOUT = Duration.ofMinutes(2);

    private DataSources() {}

    public static HikariDataSource create(DatabaseLocation location, DatabaseConfig config, String poolName, String applicationName)
    {
        String options = "-c lock_timeout=" + config.lockTimeout().toMillis()
                + " -c statement_timeout=" + config.statementTimeout().toMillis()
                + " " + sessionOptions(config.idleInTransactionTimeout());
        return pool(location, config, config.poolSize(), poolName, applicationName, options, config.statementTimeout().plus(SOCKET_MARGIN));
    }

    /**
     * Quartz's pool: no lock or statement timeout on its sessions, and an idle-in-transaction
     * timeout under half the misfire threshold ({@link #quartzIdleInTransactionTimeout}).
     */
    public static HikariDataSource createForQuartz(DatabaseLocation location, DatabaseConfig config, Duration misfireThreshold, int size, String poolName, String applicationName)
    {
        return pool(location, config, size, poolName, applicationName, sessionOptions(quartzIdleInTransactionTimeout(config, misfireThreshold)), QUARTZ_SOCKET_TIMEOUT);
    }

    /**
     * A node frozen (a long pause, SIGSTOP) while its Quartz session holds the cluster lock stops
     * every node's firing until PostgreSQL ends that session; under half the misfire threshold, the
     * others' firings are late, not missed (the chaos run saw a 10 s freeze of the lock holder make
     * every job miss its fire times with both at 10 s). Quartz's transactions are a few statements
     * with no wait but for the lock (a lock wait is not idle), so a short limit costs nothing.
     */
    public static Duration quartzIdleInTransactionTimeout(DatabaseConfig config, Duration misfireThreshold)
    {
        Duration half = misfireThreshold.dividedBy(2);
        Duration limit = half.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : half;
        return limit.compareTo(config.idleInTransactionTimeout()) < 0 ? limit : config.idleInTransactionTimeout();
    }

    /**
     * Workers record their runs' starts, progress and ends on the main pool besides the node's own
     * rounds: fewer connections than this makes bursts of runs wait for the pool.
     */
    public static int minimumPoolSize(int threads)
    {
        return (threads + 1) / 2 + 3;
    }

    /**
     * Quartz's pool: per partition an acquisition and a check-in at once, two more (schedule
     * changes, run-now), plus completions of a tenth of the workers at once: plain firings that end
     * together delete their fired-trigger rows in one statement per partition, and the others
     * (no-overlap jobs, one-shot triggers) queue for the partition's lock anyway. With 30 threads
     * the 1,000-job burst used at most 5 per node; 1,000 due a second used all 9, most of them
     * waiting for the lock, while starting 2.4x Quartz's defaults (docs/benchmarks.md).
     */
    public static int quartzPoolSize(int threads, int partitions)
    {
        return 2 * partitions + 2 + (threads + 9) / 10;
    }

    private static String sessionOptions(Duration idleInTransactionTimeout)
    {
        // server side: drop a vanished client's session (and its locks) within about 10 s
        return "-c idle_in_transaction_session_timeout=" + idleInTransactionTimeout.toMillis()
                + " -c tcp_keepalives_idle=5 -c tcp_keepalives_interval=2 -c tcp_keepalives_count=3 -c tcp_user_timeout=10000";
    }

    private static HikariDataSource pool(DatabaseLocation location, DatabaseConfig config, int size, String poolName, String applicationName, String options, Duration socketTimeout)
    {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(poolName);
        hikari.setJdbcUrl(location.jdbcUrl());
        hikari.setUsername(location.user());
        location.password().ifPresent(hikari::setPassword);
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(Math.min(2, size));
        hikari.setConnectionTimeout(config.connectTimeout().toMillis());
        // fail fast at start: a wrong URL or password is a user error, reported once
        hikari.setInitializationFailTimeout(config.connectTimeout().toMillis());
        hikari.addDataSourceProperty("ApplicationName", applicationName);
        hikari.addDataSourceProperty("tcpKeepAlive", "true");
        hikari.addDataSourceProperty("socketTimeout", Long.toString(Math.max(1, socketTimeout.toSeconds())));
        hikari.addDataSourceProperty("options", options);
        return new HikariDataSource(hikari);
    }
}
