package io.netcron.server.db;

import io.netcron.server.config.DatabaseConfig;
import io.netcron.server.config.NodeConfig;
import io.netcron.server.db.embedded.EmbeddedPostgres;
import io.netcron.server.db.embedded.EmbeddedWatchdog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the database the same way for every command: the configured URL, else the embedded
 * PostgreSQL in the data directory (attached if a node already runs it, started otherwise).
 */
public final class DatabaseLocator
{
    private static final Logger log = LoggerFactory.getLogger(DatabaseLocator.class);

    private DatabaseLocator() {}

    /** The database plus what to close when done (stops the embedded server only if this process started it). */
    public record Located(DatabaseLocation location, AutoCloseable closer) {}

    /** For commands: an embedded server this process starts is stopped on close or when the JVM exits. */
    public static Located locate(DatabaseConfig database, NodeConfig node)
    {
        return locate(database, node, false);
    }

    /**
     * {@code lifecycleStops}: the caller closes the result in its own orderly shutdown (a node
     * drains its jobs first), so the embedded server must not stop on its own when the JVM exits.
     */
    public static Located locate(DatabaseConfig database, NodeConfig node, boolean lifecycleStops)
    {
        if (database.url().isPresent()) {
            return new Located(new DatabaseLocation(database.url().get(), database.user(), database.password(), false), () -> {});
        }
        EmbeddedPostgres embedded = EmbeddedPostgres.start(node.dataDirectory());
        if (lifecycleStops) {
            embedded.stopOnlyWhenClosed();
        }
        log.info("Using embedded PostgreSQL at {} ({}), data in {}", embedded.jdbcUrl(), embedded.ownsProcess() ? "started" : "already running",
                embedded.clusterDirectory());
        // a node keeps the server up: started again if it dies while the node runs
        AutoCloseable closer = lifecycleStops ? new EmbeddedWatchdog(node.dataDirectory(), embedded) : embedded;
        return new Located(new DatabaseLocation(embedded.jdbcUrl(), embedded.user(), embedded.password(), true), closer);
    }
}
