package io.netcron.server.alerts;

import io.netcron.job.SqlEnum;
import io.netcron.server.db.Handle;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * De-duplication ({@code netcron.alert_incident}): per route, subject and incident kind, the first
 * event is sent, later ones are suppressed except one reminder per reminder interval, and a closing
 * event ("recovered") is sent only when it ends an open incident.
 */
final class Incidents
{
    private Incidents() {}

    /** How a delivered alert is worded. */
    enum SentAs
            implements SqlEnum
    {
        ALERT, REMINDER, RECOVERED
    }

    /** An open incident. */
    record Open(Instant openedAt, Instant lastEventAt, Instant lastNotifiedAt, int events)
    {
        Open
        {
            requireNonNull(openedAt, "openedAt is null");
            requireNonNull(lastEventAt, "lastEventAt is null");
            requireNonNull(lastNotifiedAt, "lastNotifiedAt is null");
        }
    }

    /** What to do with one event: send it (as what) or not, and the incident afterwards (empty = closed). */
    record Decision(Optional<SentAs> send, Optional<Open> after, Optional<Open> before)
    {
        Decision
        {
            requireNonNull(send, "send is null");
            requireNonNull(after, "after is null");
            requireNonNull(before, "before is null");
        }
    }

    static Decision decide(Optional<Open> open, AlertEvent event, Instant now, Duration reminderInterval)
    {
        if (event.closes()) {
            return open.isPresent()
                    ? new Decision(Optional.of(SentAs.RECOVERED), Optional.empty(), open)
                    : new Decision(Optional.empty(), Optional.empty(), open);
        }
        Optional<Open> current = open.filter(incident -> !(event.lapses() && !now.isBefore(incident.lastEventAt().plus(reminderInterval))));
        if (current.isEmpty()) {
            return new Decision(Optional.of(SentAs.ALERT), Optional.of(new Open(now, now, now, 1)), Optional.empty());
        }
        Open incident = current.get();
        if (!now.isBefore(incident.lastNotifiedAt().plus(reminderInterval))) {
            return new Decision(Optional.of(SentAs.REMINDER), Optional.of(new Open(incident.openedAt(), now, now, incident.events() + 1)), current);
        }
        return new Decision(Optional.empty(), Optional.of(new Open(incident.openedAt(), now, incident.lastNotifiedAt(), incident.events() + 1)), current);
    }

    /** Reads the incident, holding a transaction lock on it so two nodes decide about it one after the other. */
    static Optional<Open> lock(Handle handle, long routeId, String subject, String kind)
            throws SQLException
    {
        handle.queryOne("SELECT pg_advisory_xact_lock(hashtext('netcron.alert_incident:' || ? || ':' || ? || ':' || ?))",
                row -> true, Long.toString(routeId), kind, subject);
        return handle.queryOne("""
                        SELECT opened_at, last_event_at, last_notified_at, events FROM netcron.alert_incident
                        WHERE route_id = ? AND subject = ? AND kind = ?""",
                row -> new Open(Handle.instant(row, "opened_at"), Handle.instant(row, "last_event_at"),
                        Handle.instant(row, "last_notified_at"), row.getInt("events")),
                routeId, subject, kind);
    }

    static void save(Handle handle, long routeId, String subject, String kind, Optional<Open> incident)
            throws SQLException
    {
        if (incident.isEmpty()) {
            handle.update("DELETE FROM netcron.alert_incident WHERE route_id = ? AND subject = ? AND kind = ?", routeId, subject, kind);
            return;
        }
        Open open = incident.get();
        handle.update("""
                        INSERT INTO netcron.alert_incident (route_id, subject, kind, opened_at, last_event_at, last_notified_at, events)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (route_id, subject, kind) DO UPDATE
                            SET opened_at = excluded.opened_at, last_event_at = excluded.last_event_at,
                                last_notified_at = excluded.last_notified_at, events = excluded.events""",
                routeId, subject, kind, open.openedAt(), open.lastEventAt(), open.lastNotifiedAt(), open.events());
    }
}
