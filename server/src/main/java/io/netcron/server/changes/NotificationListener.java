package io.netcron.server.changes;

import io.netcron.server.db.DatabaseLocation;
import io.netcron.server.requests.RequestService;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

import static java.util.Objects.requireNonNull;

/**
 * One dedicated PostgreSQL connection (not from the pool: it is held forever) that LISTENs on
 * {@code netcron_job} (payload: job name) and {@code netcron_request} (payload: request id) and
 * hands what it hears on: job names to the {@link ChangeApplier}, a request to the
 * {@link RequestService}. A dropped connection is reopened with backoff; after every
 * (re)connect everything is compared once, since notifications sent meanwhile are lost.
 */
final class NotificationListener
        implements Runnable
{
    private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);
    static final String JOB_CHANNEL = "netcron_job";
    static final String REQUEST_CHANNEL = "netcron_request";
    private static final int POLL_MILLIS = 500;
    private static final Duration IDLE_CHECK = Duration.ofSeconds(5);
    private static final int VALID_TIMEOUT_SECONDS = 5;
    private static final Duration MIN_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final DatabaseLocation location;
    private final String applicationName;
    private final Duration connectTimeout;
    private final ChangeApplier applier;
    private final RequestService requests;
    private volatile boolean running = true;
    private volatile Connection connection;

    NotificationListener(DatabaseLocation location, String applicationName, Duration connectTimeout, ChangeApplier applier, RequestService requests)
    {
        this.location = requireNonNull(location, "location is null");
        this.applicationName = requireNonNull(applicationName, "applicationName is null");
        this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout is null");
        this.applier = requireNonNull(applier, "applier is null");
        this.requests = requireNonNull(requests, "requests is null");
    }

    /** Opens the connection and starts listening before the caller goes on, so no change after start is missed. */
    void connectNow()
    {
        try {
            connection = connect();
        }
        catch (SQLException e) {
            log.warn("Cannot listen for changes yet ({}); retrying in the background", e.getMessage());
        }
    }

    @Override
    public void run()
    {
        Duration backoff = MIN_BACKOFF;
        boolean lost = false;
        long lastActivity = System.nanoTime();
        while (running && !Thread.currentThread().isInterrupted()) {
            try {
                Connection current = connection;
                if (current == null) {
                    current = connect();
                    connection = current;
                    if (lost) {
                        log.info("Listening for changes again; comparing every job once");
                    }
                    lost = false;
                    backoff = MIN_BACKOFF;
                    lastActivity = System.nanoTime();
                }
                PGNotification[] notifications = current.unwrap(PGConnection.class).getNotifications(POLL_MILLIS);
                if (notifications != null && notifications.length > 0) {
                    dispatch(notifications);
                    lastActivity = System.nanoTime();
                }
                else if (System.nanoTime() - lastActivity > IDLE_CHECK.toNanos()) {
                    if (!current.isValid(VALID_TIMEOUT_SECONDS)) {
                        throw new SQLException("listen connection no longer answers");
                    }
                    lastActivity = System.nanoTime();
                }
            }
            catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!lost) {
                    log.warn("Lost the change-notification connection ({}); reconnecting, the periodic reconcile covers the gap", e.getMessage());
                    lost = true;
                }
                closeQuietly();
                try {
                    Thread.sleep(backoff.toMillis());
                }
                catch (InterruptedException interrupted) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    void stop()
    {
        running = false;
        closeQuietly();
    }

    private void dispatch(PGNotification[] notifications)
    {
        boolean request = false;
        for (PGNotification notification : notifications) {
            switch (notification.getName()) {
                case JOB_CHANNEL -> applier.changed(notification.getParameter());
                case REQUEST_CHANNEL -> request = true;
                default -> log.debug("Ignoring notification on {}", notification.getName());
            }
        }
        if (request) {
            requests.wake();
        }
    }

    private Connection connect()
            throws SQLException
    {
        Properties properties = new Properties();
        properties.setProperty("user", location.user());
        location.password().ifPresent(password -> properties.setProperty("password", password));
        properties.setProperty("ApplicationName", applicationName);
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
        Connection opened = DriverManager.getConnection(location.jdbcUrl(), properties);
        try (Statement statement = opened.createStatement()) {
            opened.setAutoCommit(true);
            statement.execute("LISTEN " + JOB_CHANNEL);
            statement.execute("LISTEN " + REQUEST_CHANNEL);
        }
        catch (SQLException e) {
            opened.close();
            throw e;
        }
        // anything sent before LISTEN took effect is caught by comparing everything once
        applier.reconcileEverything();
        requests.wake();
        return opened;
    }

    private void closeQuietly()
    {
        Connection current = connection;
        connection = null;
        if (current != null) {
            try {
                current.close();
            }
            catch (SQLException ignored) {
                // closing a broken connection; nothing to do
            }
        }
    }
}
