package io.netcron.jobs.common;

import io.netcron.fanout.FanOut;
import io.netcron.job.JobContext;

import java.time.Duration;
import java.util.Collection;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/** How a job fans out over its targets, from its params: concurrency, time per target, failure share that fails the run. */
public record FanOutSettings(int concurrency, Duration perTargetTimeout, double maxFailureShare)
{
    public FanOutSettings
    {
        requireNonNull(perTargetTimeout, "perTargetTimeout is null");
    }

    public static FanOutSettings of(int concurrency, long perTargetTimeoutMs, double maxFailureShare)
    {
        return new FanOutSettings(concurrency, Duration.ofMillis(perTargetTimeoutMs), maxFailureShare);
    }

    /** A fan-out over {@code targets} in this run (its deadline, cancellation and progress), with these settings. */
    public <T> FanOut<T> over(Collection<? extends T> targets, JobContext context, Function<? super T, String> namer)
    {
        return FanOut.<T>over(targets)
                .context(context)
                .named(namer)
                .concurrency(concurrency)
                .perTargetTimeout(perTargetTimeout)
                .maxFailureShare(maxFailureShare);
    }
}
