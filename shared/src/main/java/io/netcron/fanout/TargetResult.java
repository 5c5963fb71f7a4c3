package io.netcron.fanout;

import io.netcron.target.Outcome;

import static java.util.Objects.requireNonNull;

/** How one target went, as the fan-out function reports it; failures are better thrown as {@link io.netcron.target.TargetException}. */
public record TargetResult(Outcome outcome, String detail)
{
    public TargetResult
    {
        requireNonNull(outcome, "outcome is null");
    }

    public static TargetResult ok()
    {
        return new TargetResult(Outcome.OK, null);
    }

    public static TargetResult ok(String detail)
    {
        return new TargetResult(Outcome.OK, detail);
    }

    public static TargetResult changed(String detail)
    {
        return new TargetResult(Outcome.CHANGED, detail);
    }

    public static TargetResult unchanged()
    {
        return new TargetResult(Outcome.UNCHANGED, null);
    }

    public static TargetResult skipped(String reason)
    {
        return new TargetResult(Outcome.SKIPPED, reason);
    }

    public static TargetResult of(Outcome outcome, String detail)
    {
        return new TargetResult(outcome, detail);
    }
}
