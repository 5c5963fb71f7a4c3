package io.netcron.server.alerts;

import io.netcron.job.SqlEnum;

import java.util.Optional;

/**
 * The event types the database triggers write to {@code netcron.alert_outbox.event} (sql/V011). Each
 * belongs to an incident kind that de-duplicates it; {@code recovered} and {@code schedule_ok} close
 * an open incident of their kind instead of opening one.
 */
public enum AlertEvent
        implements SqlEnum
{
    FAILED("failing", false, "failed"),
    TIMED_OUT("failing", false, "timed out"),
    MISSED("missed", false, "missed a fire time"),
    SKIPPED("missed", false, "skipped a fire time"),
    LONG_RUN("long_run", false, "ran far longer than usual"),
    NODE_LOST("node_lost", false, "node lost"),
    SCHEDULE_ERROR("schedule", false, "cannot be scheduled"),
    RECOVERED("failing", true, "recovered"),
    SCHEDULE_OK("schedule", true, "scheduled again");

    private final String incidentKind;
    private final boolean closes;
    private final String words;

    AlertEvent(String incidentKind, boolean closes, String words)
    {
        this.incidentKind = incidentKind;
        this.closes = closes;
        this.words = words;
    }

    public static Optional<AlertEvent> fromSqlName(String value)
    {
        return SqlEnum.find(AlertEvent.class, value);
    }

    /** Events of one kind for one subject form one incident (a job failing, a job's schedule broken). */
    public String incidentKind()
    {
        return incidentKind;
    }

    /** True for the "all good again" events, which are sent only when they close an open incident. */
    public boolean closes()
    {
        return closes;
    }

    /** True when nothing but time ends the incident: it then lapses after the reminder interval without events. */
    public boolean lapses()
    {
        return switch (incidentKind) {
            case "failing", "schedule" -> false;
            default -> true;
        };
    }

    public String words()
    {
        return words;
    }
}
