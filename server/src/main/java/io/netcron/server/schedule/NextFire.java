package io.netcron.server.schedule;

import org.quartz.CronExpression;

import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;

/** When a schedule fires next; empty when it never fires again ("never fires from now on"). */
public final class NextFire
{
    private NextFire() {}

    public static Optional<Instant> after(String schedule, ZoneId zone, Instant after)
    {
        try {
            CronExpression cron = new CronExpression(Schedules.toQuartz(schedule));
            cron.setTimeZone(TimeZone.getTimeZone(zone));
            return Optional.ofNullable(cron.getNextValidTimeAfter(Date.from(after))).map(Date::toInstant);
        }
        catch (ParseException e) {
            throw new InvalidScheduleException("'" + schedule + "' is not a valid cron expression: " + e.getMessage());
        }
    }
}
