package io.netcron.server.execution;

import io.netcron.server.catalog.JobType;
import io.netcron.server.run.RunStart;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Everything needed to run one attempt of a job; {@code isolated} runs it in a child process.
 * {@code maxRuntime} is clamped to {@link #LONGEST_RUNTIME}: waits take it in nanoseconds, and
 * {@code max_runtime = '1000 years'} would overflow {@code Duration.toNanos()} and leave the job unkilled.
 */
public record RunPlan(RunStart start, JobType type, String paramsJson, Duration maxRuntime, boolean isolated)
{
    /** About 73 years: a quarter of what a long holds in nanoseconds, as {@code io.netcron.job.Deadline} treats "no deadline". */
    public static final Duration LONGEST_RUNTIME = Duration.ofNanos(Long.MAX_VALUE / 4);

    public RunPlan
    {
        requireNonNull(start, "start is null");
        requireNonNull(type, "type is null");
        requireNonNull(paramsJson, "paramsJson is null");
        requireNonNull(maxRuntime, "maxRuntime is null");
        if (maxRuntime.compareTo(LONGEST_RUNTIME) > 0) {
            maxRuntime = LONGEST_RUNTIME;
        }
    }

    /** A plan that runs in the node's own JVM. */
    public RunPlan(RunStart start, JobType type, String paramsJson, Duration maxRuntime)
    {
        this(start, type, paramsJson, maxRuntime, false);
    }
}
