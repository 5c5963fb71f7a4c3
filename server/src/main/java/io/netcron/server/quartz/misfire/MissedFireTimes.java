package io.netcron.server.quartz.misfire;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * The fire times of a schedule between its first missed time and now, newest {@code cap} kept.
 * Computed from the end backwards in growing windows, so a year-long outage of a per-second job
 * costs a few hundred cron evaluations, not millions.
 */
record MissedFireTimes(List<Instant> times, boolean truncated)
{
    private static final Duration FIRST_WINDOW = Duration.ofMinutes(1);

    MissedFireTimes
    {
        times = List.copyOf(requireNonNull(times, "times is null"));
    }

    /**
     * @param fireTimeAfter the schedule: the first fire time strictly after the given time, or null
     * @param first the first missed fire time (inclusive)
     * @param until the last instant that counts as missed (inclusive)
     */
    static MissedFireTimes between(UnaryOperator<Instant> fireTimeAfter, Instant first, Instant until, int cap)
    {
        if (first.isAfter(until)) {
            return new MissedFireTimes(List.of(), false);
        }
        Duration window = FIRST_WINDOW;
        while (true) {
            Instant from = until.minus(window);
            boolean fromFirst = !from.isAfter(first);
            List<Instant> found = new ArrayList<>();
            Instant time = fromFirst ? first : fireTimeAfter.apply(from.minusMillis(1));
            while (time != null && !time.isAfter(until)) {
                found.add(time);
                time = fireTimeAfter.apply(time);
            }
            if (found.size() >= cap || fromFirst) {
                boolean truncated = found.size() > cap || !fromFirst;
                return new MissedFireTimes(found.subList(Math.max(0, found.size() - cap), found.size()), truncated);
            }
            window = window.multipliedBy(4);
        }
    }

    /**
     * The missed fire times from {@code first} up to {@code until} (both inclusive) as rows to record:
     * the newest {@code cap}, plus one row standing for the older ones dropped beyond the cap.
     */
    static List<MissedFire> missedBetween(String jobName, UnaryOperator<Instant> fireTimeAfter, Instant first, Instant until, int cap)
    {
        MissedFireTimes times = between(fireTimeAfter, first, until, cap);
        List<MissedFire> missed = new ArrayList<>();
        if (times.truncated() && !times.isEmpty()) {
            missed.add(new MissedFire(jobName, first, "dropped: missed times before " + times.oldest() + " are beyond quartz.catch-up-max (" + cap + ")"));
        }
        times.times().forEach(time -> missed.add(MissedFire.missed(jobName, time)));
        return missed;
    }

    boolean isEmpty()
    {
        return times.isEmpty();
    }

    Instant newest()
    {
        return times.getLast();
    }

    Instant oldest()
    {
        return times.getFirst();
    }
}
