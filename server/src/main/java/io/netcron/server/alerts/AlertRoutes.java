package io.netcron.server.alerts;

import io.netcron.server.db.Database;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** SQL for {@code netcron.alert_route}; operators may as well edit the table directly. */
public final class AlertRoutes
{
    private final Database database;

    @Inject
    public AlertRoutes(Database database)
    {
        this.database = requireNonNull(database, "database is null");
    }

    public List<AlertRoute> list()
    {
        return database.query("SELECT " + AlertRoute.COLUMNS + " FROM netcron.alert_route ORDER BY job = '*', job, id", AlertRoute::map);
    }

    public Optional<AlertRoute> find(long id)
    {
        return database.queryOne("SELECT " + AlertRoute.COLUMNS + " FROM netcron.alert_route WHERE id = ?", AlertRoute::map, id);
    }

    /** Inserts a route; the table's constraints refuse bad values with a message naming them. */
    public AlertRoute add(String job, Optional<String> category, Optional<List<String>> events, AlertRoute.Channel channel,
            Optional<String> target, Optional<String> credential)
    {
        return database.queryOne("""
                        INSERT INTO netcron.alert_route (job, category, events, channel, target, credential)
                        VALUES (?, ?, string_to_array(?, ','), ?, ?, ?)
                        RETURNING %s""".formatted(AlertRoute.COLUMNS),
                AlertRoute::map, job, category.orElse(null), events.map(list -> String.join(",", list)).orElse(null),
                channel.sqlName(), target.orElse(null), credential.orElse(null)).orElseThrow();
    }

    public boolean remove(long id)
    {
        return database.update("DELETE FROM netcron.alert_route WHERE id = ?", id) > 0;
    }
}
