package io.netcron.server.http.ui;

import io.netcron.server.app.NetcronServer;
import io.netcron.server.config.NetcronConfig;
import io.netcron.server.config.Settings;
import io.netcron.server.testing.Ports;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static java.util.Objects.requireNonNull;

/**
 * A node in the test's JVM serving the dashboard on a free port, on a test class's database, and
 * the PostgreSQL login roles a test makes for it. Roles belong to the server, not to one database,
 * so they are named after the database and dropped when the node closes.
 */
final class DashboardNode
        implements AutoCloseable
{
    private final TestDatabase database;
    private final NetcronServer server;
    private final int port;
    private final List<String> roles = new CopyOnWriteArrayList<>();

    private DashboardNode(TestDatabase database, NetcronServer server, int port)
    {
        this.database = requireNonNull(database, "database is null");
        this.server = requireNonNull(server, "server is null");
        this.port = port;
    }

    /** {@code extraSettings} are added to the node's (a short shutdown grace, its id, data directory and HTTP port). */
    static DashboardNode start(TestDatabase database, String nodeId, Path dataDirectory, Map<String, String> extraSettings)
            throws Exception
    {
        int port = Ports.free();
        Map<String, String> settings = new HashMap<>(database.settings());
        settings.putAll(Map.of(
                "node.id", nodeId,
                "data-dir", dataDirectory.toString(),
                "http.port", Integer.toString(port),
                "node.shutdown-grace", "1s"));
        settings.putAll(extraSettings);
        return new DashboardNode(database, NetcronServer.start(NetcronConfig.fromSettings(Settings.of(settings))), port);
    }

    URI uri(String path)
    {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** A login role {@code <prefix>_<database>} with {@code password}, a member of netcron_operator when {@code operator}. */
    String createRole(String prefix, String password, boolean operator)
    {
        String role = prefix + "_" + database.name().replaceAll("[^a-z0-9_]", "");
        roles.add(role);
        Sql.execute(database, "CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'" + (operator ? " IN ROLE netcron_operator" : ""));
        return role;
    }

    /** Stops the node, then drops the roles it made. */
    @Override
    public void close()
            throws Exception
    {
        try {
            server.close();
        }
        finally {
            for (String role : roles) {
                Sql.execute(database, "DROP ROLE IF EXISTS " + role);
            }
        }
    }
}
