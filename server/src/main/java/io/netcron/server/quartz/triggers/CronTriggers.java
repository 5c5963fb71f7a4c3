package io.netcron.server.quartz.triggers;

import io.netcron.server.quartz.store.QuartzKeys;
import io.netcron.server.quartz.store.UnionCronTrigger;
import io.netcron.server.schedule.QuartzCron;
import io.netcron.server.schedule.Schedules;
import io.netcron.server.schedule.InvalidScheduleException;

import io.netcron.server.jobtable.JobRow;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.ScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;

/** The cron trigger a {@code netcron.job} row asks for. */
public final class CronTriggers
{
    static final Duration MAX_LOOKBACK = Duration.ofSeconds(5);

    private CronTriggers() {}

    /**
     * The trigger for the row's schedule, keyed by the row's version, or empty for an on-demand
     * job; {@link InvalidScheduleException} says why a row cannot be used.
     */
    public static Optional<CronTrigger> desired(JobRow row, Date startAt)
    {
        if (row.schedule().isEmpty()) {
            return Optional.empty();
        }
        QuartzCron cron = Schedules.toQuartz(row.schedule().get());
        TimeZone zone;
        try {
            zone = TimeZone.getTimeZone(ZoneId.of(row.timeZone()));
        }
        catch (DateTimeException e) {
            throw new InvalidScheduleException("unknown time zone '" + row.timeZone() + "' (use an IANA name such as Europe/Berlin)");
        }
        // "do nothing": Quartz never acquires it once it is later than the misfire threshold; LateTriggers
        // then moves it past now in bulk and CatchUpService applies the row's misfire_policy
        ScheduleBuilder<CronTrigger> schedule = cron.isUnion()
                ? new UnionCronTrigger.Builder(cron, zone, CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING)
                : CronScheduleBuilder.cronSchedule(cron.expression()).inTimeZone(zone).withMisfireHandlingInstructionDoNothing();
        CronTrigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(QuartzKeys.triggerKey(row.name(), row.version()))
                .forJob(QuartzKeys.jobKey(row.name()))
                .startAt(startAt)
                .withSchedule(schedule)
                .build();
        if (trigger.getFireTimeAfter(new Date(startAt.getTime() - 1000)) == null) {
            throw InvalidScheduleException.neverFires(row.schedule().get());
        }
        return Optional.of(trigger);
    }

    /**
     * When a new trigger starts: the whole second at or after the later of the row's last change and
     * the old trigger's last fire time. Quartz lets a cron trigger fire for a time up to a second
     * before its start time; starting on a whole second keeps a new job from firing for a time
     * before it was inserted (or a new schedule for a time before the edit), and the old trigger's
     * last fire time from firing twice. A change that took a little while to reach Quartz does not
     * lose the fire times in between, but changes older than {@link #MAX_LOOKBACK} (say, made while
     * every node was down) count from now, not as missed fire times.
     */
    public static Date startAt(Instant changedAt, Collection<Trigger> previous)
    {
        Instant start = Instant.now().minus(MAX_LOOKBACK);
        if (changedAt != null && changedAt.isAfter(start)) {
            start = changedAt;
        }
        for (Trigger trigger : previous) {
            if (trigger.getPreviousFireTime() != null && trigger.getPreviousFireTime().toInstant().plusMillis(1).isAfter(start)) {
                start = trigger.getPreviousFireTime().toInstant().plusMillis(1);
            }
        }
        Instant whole = start.truncatedTo(ChronoUnit.SECONDS);
        return Date.from(whole.equals(start) ? whole : whole.plusSeconds(1));
    }

    public static boolean sameSchedule(Trigger current, CronTrigger desired)
    {
        return current instanceof CronTrigger cron
                && schedule(cron).equals(schedule(desired))
                && cron.getTimeZone().getID().equals(desired.getTimeZone().getID())
                && cron.getMisfireInstruction() == desired.getMisfireInstruction();
    }

    /** The Quartz cron a trigger fires by: one expression, or both of a {@link UnionCronTrigger}. */
    static QuartzCron schedule(CronTrigger trigger)
    {
        return trigger instanceof UnionCronTrigger union ? union.schedule() : QuartzCron.of(trigger.getCronExpression());
    }
}
