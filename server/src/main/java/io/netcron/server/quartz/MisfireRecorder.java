package io.netcron.server.quartz;

import io.netcron.job.MisfirePolicy;
import io.netcron.server.config.Settings;
import io.netcron.server.db.Transient;
import io.netcron.server.jobs.JobRepository;
import io.netcron.server.jobs.JobRow;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.quartz.TriggerListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * Told by Quartz about a misfire just before Quartz moves the trigger past it (netcron's cron
 * triggers use "do nothing", so Quartz itself never runs a missed time): records every missed fire
 * time in {@code netcron.missed_fire} (newest {@code quartz.catch-up-max}), where
 * {@link CatchUpService} applies the job's misfire policy. The record is written and committed
 * before Quartz commits its own update, so no node's death in between can lose it.
 * <p>
 * Quartz calls this inside its own locked transaction: it must not call the Quartz API.
 */
final class MisfireRecorder
        implements TriggerListener
{
    private static final Logger log = LoggerFactory.getLogger(MisfireRecorder.class);

    private final JobRepository jobs;
    private final MissedFireRepository missed;
    private final String nodeId;
    private final int cap;
    private final Duration misfireThreshold;
    private final Consumer<String> countMisfire;
    private final Runnable recorded;

    MisfireRecorder(JobRepository jobs, MissedFireRepository missed, String nodeId, int cap, Duration misfireThreshold,
            Consumer<String> countMisfire, Runnable recorded)
    {
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.missed = requireNonNull(missed, "missed is null");
        this.nodeId = requireNonNull(nodeId, "nodeId is null");
        this.cap = cap;
        this.misfireThreshold = requireNonNull(misfireThreshold, "misfireThreshold is null");
        this.countMisfire = requireNonNull(countMisfire, "countMisfire is null");
        this.recorded = requireNonNull(recorded, "recorded is null");
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
        String jobName = trigger.getJobKey().getName();
        try {
            MisfirePolicy policy = Transient.retry("Reading job " + jobName, () -> jobs.find(jobName))
                    .map(JobRow::misfirePolicy)
                    .map(MisfirePolicy::fromSqlName)
                    .orElse(MisfirePolicy.FIRE_ONCE_NOW);
            Instant first = trigger.getNextFireTime().toInstant();
            MissedFireTimes times = MissedFireTimes.between(time -> after(trigger, time), first, Instant.now(), cap);
            if (times.isEmpty()) {
                return;
            }
            record(jobName, times.times(), policy);
            if (times.truncated()) {
                String outcome = "dropped: missed times before " + times.oldest() + " are beyond quartz.catch-up-max (" + cap + ")";
                Transient.retry("Recording dropped misfires of " + jobName, () -> missed.recordDropped(jobName, first, policy, nodeId, outcome));
            }
            // Quartz moves the trigger past "now" only after this returns: record what passed meanwhile
            Instant last = times.newest();
            for (int round = 0; round < 3; round++) {
                Instant next = after(trigger, last);
                List<Instant> later = next == null ? List.of() : MissedFireTimes.between(time -> after(trigger, time), next, Instant.now(), cap).times();
                if (later.isEmpty()) {
                    break;
                }
                record(jobName, later, policy);
                last = later.getLast();
            }
            log.warn("Job {} missed {}{} fire time(s) from {} to {} (no node ran them within the misfire threshold {}); misfire policy {}",
                    jobName, times.truncated() ? "more than " : "", times.times().size(), first, last, Settings.format(misfireThreshold), policy.sqlName());
            recorded.run();
        }
        catch (RuntimeException e) {
            log.error("Job {}: could not record the fire times it missed from {}: {}", jobName, trigger.getNextFireTime(), e.getMessage(), e);
        }
    }

    private void record(String jobName, List<Instant> times, MisfirePolicy policy)
    {
        Transient.retry("Recording misfires of " + jobName, () -> missed.record(jobName, times, policy, nodeId));
        times.forEach(time -> countMisfire.accept(jobName));
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
