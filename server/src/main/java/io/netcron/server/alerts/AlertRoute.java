package io.netcron.server.alerts;

import io.netcron.job.SqlEnum;
import io.netcron.server.db.Handle;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** One row of {@code netcron.alert_route}: which events of which jobs go where. */
public record AlertRoute(
        long id,
        String job,
        Optional<String> category,
        Optional<List<String>> events,
        Channel channel,
        Optional<String> target,
        Optional<String> credential,
        boolean enabled,
        Instant createdAt)
{
    static final String COLUMNS = "id, job, category, events, channel, target, credential, enabled, created_at";

    public AlertRoute
    {
        requireNonNull(job, "job is null");
        requireNonNull(category, "category is null");
        events = requireNonNull(events, "events is null").map(List::copyOf);
        requireNonNull(channel, "channel is null");
        requireNonNull(target, "target is null");
        requireNonNull(credential, "credential is null");
    }

    /** Where a route's alerts go. */
    public enum Channel
            implements SqlEnum
    {
        WEBHOOK, SLACK, TEAMS, EMAIL;

        public static Channel fromSqlName(String value)
        {
            return SqlEnum.fromSqlName(Channel.class, value);
        }
    }

    /** For messages and the CLI: the target, or the credential that holds it; never a secret. */
    public String describeTarget()
    {
        return target.orElse("") + credential.map(name -> (target.isPresent() ? " " : "") + "(credential " + name + ")").orElse("");
    }

    static AlertRoute map(ResultSet row)
            throws SQLException
    {
        Array events = row.getArray("events");
        return new AlertRoute(
                row.getLong("id"),
                row.getString("job"),
                Optional.ofNullable(row.getString("category")),
                Optional.ofNullable(events).map(AlertRoute::strings),
                Channel.fromSqlName(row.getString("channel")),
                Optional.ofNullable(row.getString("target")),
                Optional.ofNullable(row.getString("credential")),
                row.getBoolean("enabled"),
                Handle.instant(row, "created_at"));
    }

    private static List<String> strings(Array array)
    {
        try {
            return List.of((String[]) array.getArray());
        }
        catch (SQLException e) {
            throw new IllegalStateException("reading netcron.alert_route.events: " + e.getMessage(), e);
        }
    }
}
