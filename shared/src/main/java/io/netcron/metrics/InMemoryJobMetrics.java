package io.netcron.metrics;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/** {@link JobMetrics} kept in memory, for tests: the last value of each gauge and the sum of each counter. */
public final class InMemoryJobMetrics
        implements JobMetrics
{
    /** A meter's identity: its name and tags (sorted). */
    public record Key(String name, Map<String, String> tags)
    {
        public Key
        {
            requireNonNull(name, "name is null");
            tags = Map.copyOf(requireNonNull(tags, "tags is null"));
        }

        @Override
        public String toString()
        {
            return name + new TreeMap<>(tags);
        }
    }

    private final Map<Key, Double> gauges = new ConcurrentHashMap<>();
    private final Map<Key, Double> counters = new ConcurrentHashMap<>();

    @Override
    public void gauge(String name, Map<String, String> tags, double value)
    {
        gauges.put(new Key(name, tags), value);
    }

    @Override
    public void count(String name, Map<String, String> tags, double amount)
    {
        counters.merge(new Key(name, tags), amount, Double::sum);
    }

    public Optional<Double> gauge(String name, Map<String, String> tags)
    {
        return Optional.ofNullable(gauges.get(new Key(name, tags)));
    }

    public Optional<Double> counter(String name, Map<String, String> tags)
    {
        return Optional.ofNullable(counters.get(new Key(name, tags)));
    }

    public Map<Key, Double> gauges()
    {
        return Map.copyOf(gauges);
    }

    public Map<Key, Double> counters()
    {
        return Map.copyOf(counters);
    }
}
