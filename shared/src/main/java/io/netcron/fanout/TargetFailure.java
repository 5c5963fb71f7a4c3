package io.netcron.fanout;

import io.netcron.target.Outcome;

import static java.util.Objects.requireNonNull;

/** A target that failed: which, how it counts, and why (one line). */
public record TargetFailure(String target, Outcome outcome, String reason)
{
    public TargetFailure
    {
        requireNonNull(target, "target is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(reason, "reason is null");
    }
}
