package io.netcron.server.catalog;

import io.netcron.job.Concurrency;
import io.netcron.job.MisfirePolicy;

import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A job type's declared defaults, written once into {@code netcron.job}. */
public record JobDefaults(
        String category,
        String description,
        Optional<String> schedule,
        String timeZone,
        Duration maxRuntime,
        int maxRetries,
        Duration retryBackoff,
        MisfirePolicy misfirePolicy,
        Concurrency concurrency,
        boolean recoverable,
        boolean isolated,
        String paramsJson)
{
    public JobDefaults
    {
        requireNonNull(category, "category is null");
        requireNonNull(description, "description is null");
        requireNonNull(schedule, "schedule is null");
        requireNonNull(timeZone, "timeZone is null");
        requireNonNull(maxRuntime, "maxRuntime is null");
        requireNonNull(retryBackoff, "retryBackoff is null");
        requireNonNull(misfirePolicy, "misfirePolicy is null");
        requireNonNull(concurrency, "concurrency is null");
        requireNonNull(paramsJson, "paramsJson is null");
    }
}
