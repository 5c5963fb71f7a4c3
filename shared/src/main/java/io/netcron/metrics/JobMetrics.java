package io.netcron.metrics;

import java.util.Map;

/**
 * Meters a job publishes on its node's Prometheus {@code /metrics}: gauges (last value wins) and
 * counters, by name and tags. Names are dotted ({@code netcron.console.up}) and become
 * {@code netcron_console_up} in Prometheus. A name must keep the same tag keys everywhere.
 * The node implements it with its Micrometer registry; {@code netcron run} and isolated runs
 * have no scrape endpoint and get {@link #none()}. A failure to record never fails the job.
 */
public interface JobMetrics
{
    /** Sets the gauge {@code name{tags}} to {@code value} (NaN for "unknown"). */
    void gauge(String name, Map<String, String> tags, double value);

    /** Adds {@code amount} (>= 0) to the counter {@code name{tags}}. */
    void count(String name, Map<String, String> tags, double amount);

    /** Records nothing. */
    static JobMetrics none()
    {
        return NoJobMetrics.INSTANCE;
    }
}
