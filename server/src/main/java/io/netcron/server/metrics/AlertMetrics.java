package io.netcron.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;

import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * Alert delivery meters: {@code netcron_alerts_sent_total}, {@code netcron_alerts_delivery_failures_total}
 * (failed attempts), {@code netcron_alerts_given_up_total}, {@code netcron_alerts_suppressed_total}
 * (de-duplicated), all tagged with the channel, and {@code netcron_alerts_undelivered} (outbox rows
 * pending or given up in the last day, cluster-wide, as of this node's last delivery pass).
 */
public final class AlertMetrics
{
    public static final String CHANNEL_TAG = "channel";

    private final MeterRegistry registry;
    private final AtomicLong undelivered = new AtomicLong();

    @Inject
    public AlertMetrics(MeterRegistry registry)
    {
        this.registry = requireNonNull(registry, "registry is null");
        Gauge.builder("netcron.alerts.undelivered", undelivered, AtomicLong::get)
                .description("Alerts pending delivery or given up in the last day (outbox rows)")
                .register(registry);
    }

    public void sent(String channel)
    {
        counter("netcron.alerts.sent", "Alerts delivered", channel).increment();
    }

    public void deliveryFailed(String channel)
    {
        counter("netcron.alerts.delivery.failures", "Failed alert delivery attempts (retried with backoff)", channel).increment();
    }

    public void givenUp(String channel)
    {
        counter("netcron.alerts.given.up", "Alerts not delivered after the last attempt", channel).increment();
    }

    public void suppressed(String channel)
    {
        counter("netcron.alerts.suppressed", "Alerts not sent because an open incident already was (de-duplicated)", channel).increment();
    }

    public void undelivered(long rows)
    {
        undelivered.set(rows);
    }

    private Counter counter(String name, String description, String channel)
    {
        return Counter.builder(name).description(description).tag(CHANNEL_TAG, channel).register(registry);
    }
}
