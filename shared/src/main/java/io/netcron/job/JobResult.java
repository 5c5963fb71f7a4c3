package io.netcron.job;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** A run's small summary, stored as {@code netcron.job_run.result} (jsonb). */
public record JobResult(Map<String, Object> values)
{
    public JobResult
    {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(values, "values is null")));
    }

    public static JobResult empty()
    {
        return new JobResult(Map.of());
    }

    public static JobResult of(String key, Object value)
    {
        return builder().put(key, value).build();
    }

    public static Builder builder()
    {
        return new Builder();
    }

    public static final class Builder
    {
        private final Map<String, Object> values = new LinkedHashMap<>();

        public Builder put(String key, Object value)
        {
            values.put(requireNonNull(key, "key is null"), value);
            return this;
        }

        public JobResult build()
        {
            return new JobResult(values);
        }
    }
}
