package io.netcron.server.quartz;

import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.quartz.TriggerListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private final MissedFireWriter writer;
    private final int cap;

    MisfireRecorder(MissedFireWriter writer, int cap)
    {
        this.writer = requireNonNull(writer, "writer is null");
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
            List<MissedFire> missed = missedUntilNow(trigger.getJobKey().getName(), time -> after(trigger, time), trigger.getNextFireTime().toInstant(), cap);
            if (!missed.isEmpty()) {
                writer.add(missed);
                log.debug("Job {} missed {} fire time(s) from {}", trigger.getJobKey().getName(), missed.size(), trigger.getNextFireTime());
            }
        }
        catch (RuntimeException e) {
            log.error("Job {}: could not work out the fire times it missed from {}: {}", trigger.getJobKey().getName(), trigger.getNextFireTime(), e.getMessage(), e);
        }
    }

    /**
     * The missed fire times from {@code first} up to now, newest {@code cap}, plus one row standing
     * for the older ones dropped beyond the cap. Quartz moves the trigger past "now" only after this
     * returns: what passes meanwhile is found by {@link MissedFireDetector}.
     */
    static List<MissedFire> missedUntilNow(String jobName, UnaryOperator<Instant> fireTimeAfter, Instant first, int cap)
    {
        return missedBetween(jobName, fireTimeAfter, first, Instant.now(), cap);
    }

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
