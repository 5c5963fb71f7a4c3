package io.netcron.server.quartz.misfire;

import io.netcron.server.quartz.store.QuartzKeys;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.quartz.TriggerListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * Told by Quartz about a misfire just before Quartz moves the trigger past it (netcron's cron
 * triggers use "do nothing", so Quartz itself never runs a missed time): works out every missed fire
 * time from the trigger in memory (newest {@code quartz.catch-up-max}) and hands them to the
 * {@link MissedFireWriter}, which records them in {@code netcron.missed_fire} in bulk, where
 * {@link CatchUpService} applies the job's misfire policy.
 * <p>
 * Quartz calls this inside its own locked transaction (the cluster-wide trigger lock): it must not
 * call the Quartz API and does no database work, so a burst of misfires cannot lengthen the lock.
 */
final class MisfireRecorder
        implements TriggerListener
{
    private static final Logger log = LoggerFactory.getLogger(MisfireRecorder.class);

    // the times just after "now" that Quartz may move the trigger past before it has stored it (see triggerMisfired)
    static final Duration BOUNDARY = Duration.ofSeconds(5);
    static final int BOUNDARY_MAX = 5;

    private final MissedFireWriter writer;
    private final String schedulerName;
    private final int cap;

    MisfireRecorder(MissedFireWriter writer, String schedulerName, int cap)
    {
        this.writer = requireNonNull(writer, "writer is null");
        this.schedulerName = requireNonNull(schedulerName, "schedulerName is null");
        this.cap = cap;
    }

    @Override
    public String getName()
    {
        return "netcron-misfire";
    }

    @Override
    public void triggerMisfired(Trigger trigger)
    {
        if (!QuartzKeys.GROUP.equals(trigger.getKey().getGroup()) || trigger.getNextFireTime() == null) {
            return;
        }
        try {
            Instant now = Instant.now();
            List<MissedFire> missed = missedBetween(trigger.getJobKey().getName(), time -> after(trigger, time), trigger.getNextFireTime().toInstant(), now, cap);
            if (!missed.isEmpty()) {
                writer.add(missed);
                log.debug("Job {} missed {} fire time(s) from {}", trigger.getJobKey().getName(), missed.size(), trigger.getNextFireTime());
            }
            // Quartz moves the trigger to its first fire time after *its* now, read after this returns: a
            // fire time passing in between is skipped by Quartz and was not counted here. The writer checks
            // these times once Quartz has stored the trigger, and records the ones it skipped.
            List<Instant> boundary = fireTimesAfter(time -> after(trigger, time), now, now.plus(BOUNDARY), BOUNDARY_MAX);
            if (!boundary.isEmpty()) {
                writer.watch(new MissedFireWriter.Boundary(schedulerName, trigger.getKey().getName(), trigger.getKey().getGroup(), trigger.getJobKey().getName(),
                        trigger.getNextFireTime().toInstant().toEpochMilli(), boundary, now.plus(MissedFireWriter.SETTLE), now.plus(MissedFireWriter.GIVE_UP)));
            }
        }
        catch (RuntimeException e) {
            log.error("Job {}: could not work out the fire times it missed from {}: {}", trigger.getJobKey().getName(), trigger.getNextFireTime(), e.getMessage(), e);
        }
    }

    /**
     * The missed fire times from {@code first} up to {@code until}, newest {@code cap}, plus one row
     * standing for the older ones dropped beyond the cap.
     */
    static List<MissedFire> missedBetween(String jobName, UnaryOperator<Instant> fireTimeAfter, Instant first, Instant until, int cap)
    {
        MissedFireTimes times = MissedFireTimes.between(fireTimeAfter, first, until, cap);
        List<MissedFire> missed = new ArrayList<>();
        if (times.truncated() && !times.isEmpty()) {
            missed.add(new MissedFire(jobName, first, "dropped: missed times before " + times.oldest() + " are beyond quartz.catch-up-max (" + cap + ")"));
        }
        times.times().forEach(time -> missed.add(MissedFire.missed(jobName, time)));
        return missed;
    }

    /** Up to {@code max} fire times strictly after {@code from}, not after {@code until}. */
    static List<Instant> fireTimesAfter(UnaryOperator<Instant> fireTimeAfter, Instant from, Instant until, int max)
    {
        List<Instant> times = new ArrayList<>();
        Instant time = fireTimeAfter.apply(from);
        while (time != null && !time.isAfter(until) && times.size() < max) {
            times.add(time);
            time = fireTimeAfter.apply(time);
        }
        return times;
    }

    private static Instant after(Trigger trigger, Instant time)
    {
        Date next = trigger.getFireTimeAfter(Date.from(time));
        return next == null ? null : next.toInstant();
    }

    @Override
    public void triggerFired(Trigger trigger, JobExecutionContext context) {}

    @Override
    public boolean vetoJobExecution(Trigger trigger, JobExecutionContext context)
    {
        return false;
    }

    @Override
    public void triggerComplete(Trigger trigger, JobExecutionContext context, Trigger.CompletedExecutionInstruction instruction) {}
}
