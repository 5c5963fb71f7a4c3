package io.netcron.server.catalog;

import io.netcron.job.JobSpec;
import io.netcron.job.NetcronJob;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A kind of job this node can run: a discovered class (or, later, a script). Configured jobs
 * ({@code netcron.job} rows) point at a type through {@code implementation}; one type can back
 * many configured jobs.
 */
public record JobType(String name, JobKind kind, String implementation, Class<? extends NetcronJob> jobClass, JobDefaults defaults)
{
    public JobType
    {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(implementation, "implementation is null");
        requireNonNull(jobClass, "jobClass is null");
        requireNonNull(defaults, "defaults is null");
    }

    /** The job's params record ({@code @JobSpec(paramsType = ...)}), if it declares one. */
    public Optional<Class<?>> paramsType()
    {
        JobSpec spec = jobClass.getAnnotation(JobSpec.class);
        return spec == null || spec.paramsType() == Void.class ? Optional.empty() : Optional.of(spec.paramsType());
    }
}
