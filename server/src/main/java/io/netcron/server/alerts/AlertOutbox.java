package io.netcron.server.alerts;

import io.netcron.server.db.Handle;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** SQL for {@code netcron.alert_outbox}, inside the dispatcher's transactions. */
final class AlertOutbox
{
    private AlertOutbox() {}

    /**
     * Locks the oldest due pending row after {@code afterId} that no other node holds
     * ({@code FOR UPDATE SKIP LOCKED}), so each row is delivered by one node. A row waits while an
     * older row for the same route and subject is pending, so "recovered" never overtakes "failed".
     */
    static Optional<OutboxEntry> claimNext(Handle handle, long afterId, Instant now)
            throws SQLException
    {
        return handle.queryOne("""
                        SELECT %s FROM netcron.alert_outbox o
                        WHERE o.state = 'pending' AND o.next_attempt_at <= ? AND o.id > ?
                          AND NOT EXISTS (SELECT 1 FROM netcron.alert_outbox older
                                          WHERE older.state = 'pending' AND older.route_id = o.route_id
                                            AND older.subject = o.subject AND older.id < o.id)
                        ORDER BY o.id LIMIT 1
                        FOR UPDATE SKIP LOCKED""".formatted(OutboxEntry.COLUMNS),
                OutboxEntry::map, now, afterId);
    }

    static void done(Handle handle, long id, String state, Optional<String> sentAs, Instant now, String nodeId)
            throws SQLException
    {
        handle.update("UPDATE netcron.alert_outbox SET state = ?, sent_as = ?, done_at = ?, done_by = ?, attempts = attempts + 1 WHERE id = ?",
                state, sentAs.orElse(null), now, nodeId, id);
    }

    static void suppressed(Handle handle, long id, Instant now, String nodeId)
            throws SQLException
    {
        handle.update("UPDATE netcron.alert_outbox SET state = 'suppressed', done_at = ?, done_by = ? WHERE id = ?", now, nodeId, id);
    }

    /** A failed attempt: retried at {@code retryAt}, or given up ({@code failed}) when that is empty. */
    static void attemptFailed(Handle handle, long id, String error, Optional<Instant> retryAt, Instant now, String nodeId)
            throws SQLException
    {
        if (retryAt.isPresent()) {
            handle.update("UPDATE netcron.alert_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
                    error, retryAt.get(), id);
        }
        else {
            handle.update("UPDATE netcron.alert_outbox SET attempts = attempts + 1, last_error = ?, state = 'failed', done_at = ?, done_by = ? WHERE id = ?",
                    error, now, nodeId, id);
        }
    }
}
