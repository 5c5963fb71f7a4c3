package io.netcron.server.alerts;

import io.netcron.job.Deadline;
import io.netcron.server.config.AlertsConfig;
import io.netcron.server.config.NodeConfig;
import io.netcron.server.db.Database;
import io.netcron.server.db.Handle;
import io.netcron.server.metrics.AlertMetrics;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Delivers the outbox ({@code netcron.alert_outbox}): claims one due row at a time with
 * {@code FOR UPDATE SKIP LOCKED}, de-duplicates it against its incident, sends it and records the
 * result in the same transaction. A node that dies mid-send rolls back, and the row is delivered by
 * another node (at least once). A failed attempt is retried with doubling backoff up to
 * {@code alerts.max-attempts}, then the row is {@code failed} with {@code last_error}.
 */
public final class AlertDispatcher
{
    private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);

    private final Database database;
    private final AlertSenders senders;
    private final AlertsConfig config;
    private final AlertMetrics metrics;
    private final String nodeId;
    private final Clock clock;

    @Inject
    public AlertDispatcher(Database database, AlertSenders senders, AlertsConfig config, AlertMetrics metrics, NodeConfig node)
    {
        this(database, senders, config, metrics, node.nodeId(), Clock.systemUTC());
    }

    public AlertDispatcher(Database database, AlertSenders senders, AlertsConfig config, AlertMetrics metrics, String nodeId, Clock clock)
    {
        this.database = requireNonNull(database, "database is null");
        this.senders = requireNonNull(senders, "senders is null");
        this.config = requireNonNull(config, "config is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.nodeId = requireNonNull(nodeId, "nodeId is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** What one pass did. */
    public record Pass(int sent, int suppressed, int failed) {}

    /** Delivers every due row this node can claim, oldest first. */
    public Pass deliverPending()
    {
        long cursor = 0;
        int sent = 0;
        int suppressed = 0;
        int failed = 0;
        while (true) {
            long after = cursor;
            Instant now = clock.instant();
            Optional<Result> result = database.inTransaction(handle -> {
                Optional<OutboxEntry> entry = AlertOutbox.claimNext(handle, after, now);
                return entry.isEmpty() ? Optional.<Result>empty() : Optional.of(new Result(entry.get().id(), deliver(handle, entry.get(), now)));
            });
            if (result.isEmpty()) {
                metrics.undelivered(database.queryOne("""
                                SELECT count(*) FROM netcron.alert_outbox
                                WHERE state = 'pending' OR (state = 'failed' AND done_at > now() - interval '1 day')""",
                        row -> row.getLong(1)).orElse(0L));
                return new Pass(sent, suppressed, failed);
            }
            cursor = result.get().id();
            switch (result.get().outcome()) {
                case SENT -> sent++;
                case SUPPRESSED -> suppressed++;
                case FAILED -> failed++;
            }
        }
    }

    /**
     * Deletes delivered, suppressed and given-up rows older than {@code keep} (pending rows stay
     * however old), a batch at a time; returns how many.
     */
    public int prune(Duration keep)
    {
        Instant before = clock.instant().minus(keep);
        int total = 0;
        int deleted;
        do {
            deleted = database.update("""
                            DELETE FROM netcron.alert_outbox WHERE id IN (
                                SELECT id FROM netcron.alert_outbox WHERE state <> 'pending' AND done_at < ? LIMIT 1000)""",
                    before);
            total += deleted;
        }
        while (deleted == 1000);
        return total;
    }

    private enum Outcome { SENT, SUPPRESSED, FAILED }

    private record Result(long id, Outcome outcome) {}

    private Outcome deliver(Handle handle, OutboxEntry entry, Instant now)
            throws SQLException
    {
        Optional<AlertRoute> route = handle.queryOne("SELECT " + AlertRoute.COLUMNS + " FROM netcron.alert_route WHERE id = ?", AlertRoute::map, entry.routeId());
        Optional<AlertEvent> event = AlertEvent.fromSqlName(entry.event());
        if (route.isEmpty() || !route.get().enabled() || event.isEmpty()) {
            String why = route.isEmpty() ? "route removed" : !route.get().enabled() ? "route disabled" : "unknown event '" + entry.event() + "'";
            handle.update("UPDATE netcron.alert_outbox SET state = 'suppressed', last_error = ?, done_at = ?, done_by = ? WHERE id = ?", why, now, nodeId, entry.id());
            return Outcome.SUPPRESSED;
        }
        String channel = route.get().channel().sqlName();
        String kind = event.get().incidentKind();
        Optional<Incidents.Open> open = Incidents.lock(handle, entry.routeId(), entry.subject(), kind);
        Incidents.Decision decision = Incidents.decide(open, event.get(), now, config.reminderInterval());
        if (decision.send().isEmpty()) {
            Incidents.save(handle, entry.routeId(), entry.subject(), kind, decision.after());
            AlertOutbox.suppressed(handle, entry.id(), now, nodeId);
            metrics.suppressed(channel);
            return Outcome.SUPPRESSED;
        }
        Alert alert = Alert.of(entry, decision.send().get(), decision);
        try {
            senders.send(route.get(), alert, Deadline.after(config.sendTimeout()));
        }
        catch (AlertDeliveryException | RuntimeException e) {
            int attempts = entry.attempts() + 1;
            Optional<Instant> retryAt = attempts < config.maxAttempts() ? Optional.of(now.plus(config.retryDelay(attempts))) : Optional.empty();
            String error = e instanceof AlertDeliveryException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
            AlertOutbox.attemptFailed(handle, entry.id(), error, retryAt, now, nodeId);
            metrics.deliveryFailed(channel);
            if (retryAt.isEmpty()) {
                metrics.givenUp(channel);
                log.warn("Alert {} ({} for {}) not delivered to route {} after {} attempts, giving up: {}", entry.id(), entry.event(), entry.subject(), entry.routeId(), attempts, error);
            }
            else {
                log.warn("Alert {} ({} for {}) to route {}: attempt {} failed, retrying at {}: {}", entry.id(), entry.event(), entry.subject(), entry.routeId(), attempts, retryAt.get(), error);
            }
            return Outcome.FAILED;
        }
        Incidents.save(handle, entry.routeId(), entry.subject(), kind, decision.after());
        AlertOutbox.done(handle, entry.id(), "sent", Optional.of(alert.sentAs()), now, nodeId);
        metrics.sent(channel);
        log.info("Alert {} ({} for {}) sent as {} to route {} ({})", entry.id(), entry.event(), entry.subject(), alert.sentAs(), entry.routeId(), channel);
        return Outcome.SENT;
    }
}
