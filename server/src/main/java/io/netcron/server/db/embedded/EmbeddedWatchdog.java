package io.netcron.server.db.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

// A node's hold on the embedded PostgreSQL: if the server dies (killed, crashed) while the node runs,
// it is started again on the same data directory and port (one process starts it, the others attach),
// and the node's pools reconnect. Closing leaves as a user (the last one stops the server).
public final class EmbeddedWatchdog
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(EmbeddedWatchdog.class);
    public static final Duration CHECK_INTERVAL = Duration.ofSeconds(2);

    private final Path dataDirectory;
    private final ScheduledExecutorService checks;
    private EmbeddedPostgres current;

    public EmbeddedWatchdog(Path dataDirectory, EmbeddedPostgres started)
    {
        this.dataDirectory = requireNonNull(dataDirectory, "dataDirectory is null");
        this.current = requireNonNull(started, "started is null");
        this.checks = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "netcron-postgres-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        checks.scheduleWithFixedDelay(this::check, CHECK_INTERVAL.toMillis(), CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void check()
    {
        try {
            if (current.isRunning()) {
                return;
            }
            log.warn("The embedded PostgreSQL on 127.0.0.1:{} is gone; starting it again (data in {})", current.port(), current.clusterDirectory());
            EmbeddedPostgres restarted = EmbeddedPostgres.start(dataDirectory);
            restarted.stopOnlyWhenClosed();
            EmbeddedPostgres dead = current;
            current = restarted;
            if (restarted.port() != dead.port()) {
                log.error("The embedded PostgreSQL came back on port {} instead of {}: restart this node", restarted.port(), dead.port());
            }
            dead.close(); // leaves as a user; the server is the new one's now
        }
        catch (RuntimeException e) {
            log.warn("Restarting the embedded PostgreSQL failed: {}; trying again in {} s", e.getMessage(), CHECK_INTERVAL.toSeconds());
        }
    }

    @Override
    public synchronized void close()
    {
        checks.shutdownNow();
        current.close();
    }
}
