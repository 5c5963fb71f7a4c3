package io.netcron.fanout;

import io.netcron.job.JobContext;
import io.netcron.target.Outcome;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Counts outcomes as targets end, keeps a bounded list of failures and reports progress. */
final class Tally
{
    private final int total;
    private final int listedFailures;
    private final JobContext context;
    private final Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
    private final List<TargetFailure> failures = new ArrayList<>();
    private int done;
    private int omitted;

    Tally(int total, int listedFailures, JobContext context)
    {
        this.total = total;
        this.listedFailures = listedFailures;
        this.context = context;
    }

    void add(String target, TargetResult result)
    {
        add(target, result.outcome(), result.detail());
    }

    /** Reports progress under the lock too, so the last value reported is the final count (context.progress is cheap). */
    synchronized void add(String target, Outcome outcome, String reason)
    {
        counts.merge(outcome, 1L, Long::sum);
        if (outcome.isFailure()) {
            if (failures.size() < listedFailures) {
                failures.add(new TargetFailure(target, outcome, reason == null ? outcome.sqlName() : reason));
            }
            else {
                omitted++;
            }
        }
        done++;
        if (context != null) {
            context.progress(done, total);
        }
    }

    synchronized int done()
    {
        return done;
    }

    synchronized FanOutResult result(double maxFailureShare, Duration elapsed)
    {
        return new FanOutResult(total, counts, failures, omitted, maxFailureShare, elapsed);
    }
}
