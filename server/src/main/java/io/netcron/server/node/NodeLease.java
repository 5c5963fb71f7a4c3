package io.netcron.server.node;

import io.netcron.server.errors.Errors;
import io.netcron.server.errors.UserException;
import io.netcron.server.db.DatabaseLocation;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.function.LongSupplier;

import static java.util.Objects.requireNonNull;

/**
 * This node's lease: a session-level advisory lock keyed {@code (hashtext('netcron.node_lease'),
 * hashtext(node_id))}, held on a dedicated connection outside the pool. PostgreSQL releases it the
 * moment the session ends (process killed, connection cut), which is how the other nodes know this
 * one is gone ({@code netcron.node_gone}). The two-key form keeps it apart from Flyway's bigint
 * lock and from the per-job locks ({@code hashtext('netcron.job')}, {@code hashtext('netcron.missed_fire')}).
 * <p>
 * The connection has a short socket timeout, so a check against an unreachable server fails within
 * {@link #SOCKET_TIMEOUT}, and server-side keepalives ({@link #SERVER_DROPS_AFTER}) much longer
 * than that, so after a partition this node has stopped its runs well before PostgreSQL drops the
 * session and the others recover its work.
 */
public final class NodeLease
        implements AutoCloseable
{
    static final String NAMESPACE = "netcron.node_lease";
    /** A check that gets no answer within this long counts as a lost lease. */
    public static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(3);
    /** Idle 5 s, then 3 probes 2 s apart, and at most 10 s of unacknowledged data: the server drops a vanished node after about 10-11 s. */
    public static final Duration SERVER_DROPS_AFTER = Duration.ofSeconds(10);
    private static final String SERVER_KEEPALIVES = "-c tcp_keepalives_idle=5 -c tcp_keepalives_interval=2 -c tcp_keepalives_count=3 -c tcp_user_timeout=10000"
            + " -c idle_in_transaction_session_timeout=10000 -c statement_timeout=5000 -c lock_timeout=2000";

    private final DatabaseLocation location;
    private final String nodeId;
    private final LongSupplier localClock;
    private volatile Connection connection;
    private volatile int backendPid;

    private NodeLease(DatabaseLocation location, String nodeId, LongSupplier localClock)
    {
        this.location = requireNonNull(location, "location is null");
        this.nodeId = requireNonNull(nodeId, "nodeId is null");
        this.localClock = requireNonNull(localClock, "localClock is null");
    }

    /** Takes the lease or refuses to start, naming the process that holds it. */
    public static NodeLease acquire(DatabaseLocation location, String nodeId)
    {
        return acquire(location, nodeId, System::currentTimeMillis);
    }

    /** With the local clock given (tests: a skewed clock). */
    static NodeLease acquire(DatabaseLocation location, String nodeId, LongSupplier localClock)
    {
        NodeLease lease = new NodeLease(location, nodeId, localClock);
        try {
            if (!lease.tryAcquire()) {
                String holder = lease.describeHolder();
                lease.close();
                throw new UserException("node id '" + nodeId + "' is already in use: its lease is held by " + holder
                        + "; stop that process or give this node another node.id");
            }
        }
        catch (SQLException e) {
            lease.close();
            throw new UserException("could not take the lease of node '" + nodeId + "': " + Errors.firstLine(e));
        }
        return lease;
    }

    public String nodeId()
    {
        return nodeId;
    }

    /** The PostgreSQL backend holding the lease (its pid in pg_stat_activity). */
    public int backendPid()
    {
        return backendPid;
    }

    /** Opens a new session and tries the lock; false if another session holds it. */
    synchronized boolean tryAcquire()
            throws SQLException
    {
        closeConnection();
        Connection opened = open();
        try (PreparedStatement statement = opened.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?), hashtext(?)), pg_backend_pid()")) {
            statement.setString(1, NAMESPACE);
            statement.setString(2, nodeId);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                if (!row.getBoolean(1)) {
                    opened.close();
                    return false;
                }
                backendPid = row.getInt(2);
            }
        }
        catch (SQLException e) {
            opened.close();
            throw e;
        }
        connection = opened;
        return true;
    }

    /**
     * Whether this session still holds the lease, with the database's clock read on the way
     * (the midpoint of the round trip is the local estimate). Throws when the session is gone or
     * does not answer within the socket timeout: the caller treats that as a lost lease.
     */
    Check check()
            throws SQLException
    {
        Connection current = connection;
        if (current == null) {
            throw new SQLException("no lease session");
        }
        try (PreparedStatement statement = current.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'advisory' AND granted AND objsubid = 2
                                 AND classid = hashtext(?)::oid AND objid = hashtext(?)::oid),
                       (extract(epoch FROM clock_timestamp()) * 1000)::bigint""")) {
            statement.setString(1, NAMESPACE);
            statement.setString(2, nodeId);
            long before = localClock.getAsLong();
            try (ResultSet row = statement.executeQuery()) {
                long after = localClock.getAsLong();
                row.next();
                return new Check(row.getBoolean(1), row.getLong(2) - (before + after) / 2);
            }
        }
    }

    /** Who holds this node id's lease: host and pid from netcron.node, and the session from pg_stat_activity. */
    private String describeHolder()
    {
        try (Connection probe = open();
                PreparedStatement statement = probe.prepareStatement("""
                        SELECT a.pid, a.application_name, a.backend_start, n.host, n.pid AS node_pid
                        FROM pg_locks l
                        JOIN pg_stat_activity a ON a.pid = l.pid
                        LEFT JOIN netcron.node n ON n.node_id = ?
                        WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                          AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                          AND l.classid = hashtext(?)::oid AND l.objid = hashtext(?)::oid""")) {
            statement.setString(1, nodeId);
            statement.setString(2, NAMESPACE);
            statement.setString(3, nodeId);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return "another session (it ended meanwhile; try again)";
                }
                String host = row.getString("host");
                return (host == null ? "a process" : "host " + host + " pid " + row.getLong("node_pid"))
                        + " (database session " + row.getInt("pid") + ", application '" + row.getString("application_name") + "', connected " + row.getTimestamp("backend_start").toInstant() + ")";
            }
        }
        catch (SQLException e) {
            return "another session (" + Errors.firstLine(e) + ")";
        }
    }

    private Connection open()
            throws SQLException
    {
        Properties properties = new Properties();
        properties.setProperty("user", location.user());
        location.password().ifPresent(password -> properties.setProperty("password", password));
        String application = "netcron-lease " + ProcessHandle.current().pid() + "@" + hostName();
        properties.setProperty("ApplicationName", application.length() > 63 ? application.substring(0, 63) : application);
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("socketTimeout", Long.toString(SOCKET_TIMEOUT.toSeconds()));
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("options", SERVER_KEEPALIVES);
        Connection opened = DriverManager.getConnection(location.jdbcUrl(), properties);
        opened.setAutoCommit(true);
        return opened;
    }

    private synchronized void closeConnection()
    {
        Connection current = connection;
        connection = null;
        if (current != null) {
            try {
                current.close();
            }
            catch (SQLException ignored) {
                // the session is gone already
            }
        }
    }

    /** Ends the session, which releases the lease. */
    @Override
    public void close()
    {
        closeConnection();
    }

    static String hostName()
    {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        }
        catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    /** One lease check: whether it is held, and the database's clock minus this node's, in ms. */
    record Check(boolean held, long clockOffsetMillis) {}
}
