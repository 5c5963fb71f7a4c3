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
                + " " + sessionOptions(config);
        return pool(location, config, config.poolSize(), poolName, applicationName, options, config.statementTimeout().plus(SOCKET_MARGIN));
    }

    /** Quartz's pool: no lock or statement timeout on its sessions. */
    public static HikariDataSource createForQuartz(DatabaseLocation location, DatabaseConfig config, int size, String poolName, String applicationName)
    {
        return pool(location, config, size, poolName, applicationName, sessionOptions(config), QUARTZ_SOCKET_TIMEOUT);
    }

    /**
     * Workers record their runs' starts, progress and ends on the main pool besides the node's own
     * rounds: fewer connections than this makes bursts of runs wait for the pool.
     */
    public static int minimumPoolSize(int threads)
    {
        return (threads + 1) / 2 + 3;
    }

    /** Quartz's pool: acquisition, cluster check-in and misfire scan, plus completions of half the workers at once. */
    public static int quartzPoolSize(int threads)
    {
        return (threads + 1) / 2 + 3;
    }

    private static String sessionOptions(DatabaseConfig config)
    {
        // server side: drop a vanished client's session (and its locks) within about 10 s
        return "-c idle_in_transaction_session_timeout=" + config.idleInTransactionTimeout().toMillis()
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
