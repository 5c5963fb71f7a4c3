package io.netcron.server.alerts;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a channel sends: the event as the trigger described it, worded as a first alert, a
 * "still ..." reminder or a "recovered" message. {@code sentAs} is alert, reminder, recovered or test.
 */
public record Alert(
        String event,
        String sentAs,
        String subject,
        Optional<String> jobName,
        Optional<Long> runId,
        Optional<String> nodeId,
        String message,
        String detailsJson,
        Instant occurredAt,
        int incidentEvents,
        Optional<Instant> incidentSince)
{
    public Alert
    {
        requireNonNull(event, "event is null");
        requireNonNull(sentAs, "sentAs is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(jobName, "jobName is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(nodeId, "nodeId is null");
        requireNonNull(message, "message is null");
        requireNonNull(detailsJson, "detailsJson is null");
        requireNonNull(occurredAt, "occurredAt is null");
        requireNonNull(incidentSince, "incidentSince is null");
    }

    static Alert of(OutboxEntry entry, Incidents.SentAs sentAs, Incidents.Decision decision)
    {
        Optional<Incidents.Open> incident = sentAs == Incidents.SentAs.ALERT ? decision.after() : decision.before();
        int events = sentAs == Incidents.SentAs.REMINDER ? decision.after().map(Incidents.Open::events).orElse(1)
                : incident.map(Incidents.Open::events).orElse(1);
        return new Alert(entry.event(), sentAs.sqlName(), entry.subject(), entry.jobName(), entry.runId(), entry.nodeId(),
                entry.message(), entry.detailsJson(), entry.createdAt(), events, incident.map(Incidents.Open::openedAt));
    }

    /** A message for {@code netcron alerts test}. */
    public static Alert test(String who)
    {
        return new Alert("test", "test", "test", Optional.empty(), Optional.empty(), Optional.empty(),
                "Test alert from netcron (sent by " + who + "): this route works", "{}", Instant.now(), 1, Optional.empty());
    }

    /** One line for a subject, a title or a Slack fallback. */
    public String title()
    {
        String words = AlertEvent.fromSqlName(event).map(AlertEvent::words).orElse(event);
        String what = subject.startsWith("node:") ? "node " + subject.substring("node:".length()) : "job " + jobName.orElse(subject);
        return switch (sentAs) {
            case "reminder" -> "[netcron] still " + words + ": " + what + " (" + incidentEvents + " events since " + incidentSince.map(Instant::toString).orElse("?") + ")";
            case "recovered" -> "[netcron] " + what + " " + words + (incidentEvents > 1 ? " after " + incidentEvents + " events" : "");
            case "test" -> "[netcron] test alert";
            default -> "[netcron] " + what + " " + words;
        };
    }
}
