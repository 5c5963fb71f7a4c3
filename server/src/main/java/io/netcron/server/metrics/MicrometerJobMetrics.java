package io.netcron.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.netcron.metrics.JobMetrics;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * Jobs' gauges and counters in the node's registry, so they show on its {@code /metrics}. A gauge
 * reads a holder the job sets; a meter Micrometer refuses (say, a name reused with other tag keys)
 * is logged once and dropped: metrics never fail a run.
 */
public final class MicrometerJobMetrics
        implements JobMetrics
{
    private static final Logger log = LoggerFactory.getLogger(MicrometerJobMetrics.class);

    private record Id(String name, Map<String, String> tags) {}

    private final MeterRegistry registry;
    private final Map<Id, AtomicLong> gauges = new ConcurrentHashMap<>();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    @Inject
    public MicrometerJobMetrics(MeterRegistry registry)
    {
        this.registry = requireNonNull(registry, "registry is null");
    }

    @Override
    public void gauge(String name, Map<String, String> tags, double value)
    {
        Id id = new Id(requireNonNull(name, "name is null"), Map.copyOf(tags));
        try {
            AtomicLong holder = gauges.computeIfAbsent(id, key -> {
                AtomicLong bits = new AtomicLong(Double.doubleToLongBits(Double.NaN));
                Gauge.builder(name, bits, held -> Double.longBitsToDouble(held.get()))
                        .tags(tags(key.tags()))
                        .strongReference(true)
                        .register(registry);
                return bits;
            });
            holder.set(Double.doubleToLongBits(value));
        }
        catch (RuntimeException e) {
            refuse(name, e);
        }
    }

    @Override
    public void count(String name, Map<String, String> tags, double amount)
    {
        try {
            Counter.builder(requireNonNull(name, "name is null")).tags(tags(tags)).register(registry).increment(Math.max(0, amount));
        }
        catch (RuntimeException e) {
            refuse(name, e);
        }
    }

    private void refuse(String name, RuntimeException e)
    {
        if (refused.add(name)) {
            log.warn("Job metric {} not recorded: {}", name, e.getMessage());
        }
    }

    private static List<Tag> tags(Map<String, String> tags)
    {
        return tags.entrySet().stream().map(entry -> Tag.of(entry.getKey(), entry.getValue() == null ? "" : entry.getValue())).toList();
    }

    @Override
    public String toString()
    {
        return "MicrometerJobMetrics[" + gauges.size() + " gauges]";
    }
}
