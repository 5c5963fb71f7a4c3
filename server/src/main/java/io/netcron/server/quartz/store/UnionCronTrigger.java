package io.netcron.server.quartz.store;

import io.netcron.server.schedule.QuartzCron;
import org.quartz.CronExpression;
import org.quartz.CronTrigger;
import org.quartz.ScheduleBuilder;
import org.quartz.impl.triggers.CronTriggerImpl;
import org.quartz.spi.MutableTrigger;

import java.io.Serial;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;

import static java.util.Objects.requireNonNull;

/**
 * A cron trigger with two expressions that fires at every time either matches, once: the day of
 * month half and the day of week half of a 5-field cron such as {@code 0 0 13 * 5} (see
 * {@link QuartzCron}). One trigger, so a time both match (a Friday the 13th) is one fire time, and
 * Quartz's misfire handling, {@code next_fire_time}, pausing and recovery work as for any cron
 * trigger. Quartz's own cron trigger asks {@link #getTimeAfter} for every fire time (first, next,
 * after a misfire); this one answers with the earlier of its two expressions. Stored by
 * {@link UnionCronTriggerPersistence}; {@link #getCronExpression()} is the day-of-month half.
 */
public final class UnionCronTrigger
        extends CronTriggerImpl
{
    @Serial
    private static final long serialVersionUID = 1L;

    private CronExpression other;

    UnionCronTrigger(QuartzCron cron, TimeZone zone)
    {
        if (!cron.isUnion()) {
            throw new IllegalArgumentException("a union trigger needs two expressions: " + cron);
        }
        List<CronExpression> parsed = cron.parse(requireNonNull(zone, "zone is null"));
        setCronExpression(parsed.get(0));
        other = parsed.get(1);
    }

    public QuartzCron schedule()
    {
        return new QuartzCron(List.of(getCronExpression(), other.getCronExpression()));
    }

    @Override
    protected Date getTimeAfter(Date afterTime)
    {
        return earlier(super.getTimeAfter(afterTime), other.getTimeAfter(afterTime));
    }

    @Override
    protected Date getTimeBefore(Date time)
    {
        Date mine = super.getTimeBefore(time);
        Date theirs = other.getTimeBefore(time);
        return mine == null ? theirs : theirs == null ? mine : mine.after(theirs) ? mine : theirs;
    }

    @Override
    public Date getFinalFireTime()
    {
        return null; // a 5-field cron has no year field: neither half ever ends
    }

    private static Date earlier(Date first, Date second)
    {
        return first == null ? second : second == null ? first : first.before(second) ? first : second;
    }

    @Override
    public void setTimeZone(TimeZone timeZone)
    {
        super.setTimeZone(timeZone);
        if (other != null) {
            other.setTimeZone(timeZone);
        }
    }

    /** True: Quartz's cron-trigger persistence would store only one of the expressions. */
    @Override
    public boolean hasAdditionalProperties()
    {
        return true;
    }

    @Override
    public ScheduleBuilder<CronTrigger> getScheduleBuilder()
    {
        return new Builder(schedule(), getTimeZone(), getMisfireInstruction());
    }

    @Override
    public Object clone()
    {
        UnionCronTrigger copy = (UnionCronTrigger) super.clone();
        copy.other = new CronExpression(other);
        return copy;
    }

    @Override
    public String toString()
    {
        return "UnionCronTrigger '" + getFullName() + "': " + schedule() + " (" + getTimeZone().getID() + "), next fire " + getNextFireTime();
    }

    /** Builds the trigger for {@code TriggerBuilder} (also when Quartz loads it from the database). */
    public static final class Builder
            extends ScheduleBuilder<CronTrigger>
    {
        private final QuartzCron cron;
        private final TimeZone zone;
        private final int misfireInstruction;

        public Builder(QuartzCron cron, TimeZone zone, int misfireInstruction)
        {
            this.cron = requireNonNull(cron, "cron is null");
            this.zone = requireNonNull(zone, "zone is null");
            this.misfireInstruction = misfireInstruction;
        }

        @Override
        protected MutableTrigger build()
        {
            UnionCronTrigger trigger = new UnionCronTrigger(cron, zone);
            trigger.setMisfireInstruction(misfireInstruction);
            return trigger;
        }
    }
}
