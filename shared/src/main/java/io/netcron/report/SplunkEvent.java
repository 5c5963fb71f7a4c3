package io.netcron.report;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One event for Splunk's HTTP Event Collector: the event itself (any JSON-able value: a map, a
 * record, a string), when it happened, indexed {@code fields}, and an optional sourcetype that
 * overrides the configured one for this event.
 */
public record SplunkEvent(Object event, Instant time, Map<String, Object> fields, Optional<String> sourcetype)
{
    public SplunkEvent
    {
        requireNonNull(event, "event is null");
        requireNonNull(time, "time is null");
        fields = Map.copyOf(requireNonNull(fields, "fields is null"));
        requireNonNull(sourcetype, "sourcetype is null");
    }

    public static SplunkEvent of(Object event)
    {
        return new SplunkEvent(event, Instant.now(), Map.of(), Optional.empty());
    }

    public static SplunkEvent at(Instant time, Object event)
    {
        return new SplunkEvent(event, time, Map.of(), Optional.empty());
    }

    public SplunkEvent withFields(Map<String, Object> newFields)
    {
        return new SplunkEvent(event, time, newFields, sourcetype);
    }

    public SplunkEvent withSourcetype(String newSourcetype)
    {
        return new SplunkEvent(event, time, fields, Optional.of(newSourcetype));
    }
}
