package io.netcron.server.quartz.misfire;

import io.netcron.server.schedule.InvalidScheduleException;
import io.netcron.server.schedule.QuartzCron;
import org.quartz.CronExpression;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;

/** The cron expressions of stored triggers, parsed once per expression and time zone. */
final class StoredCrons
{
    private final Map<String, List<CronExpression>> parsed = new ConcurrentHashMap<>();

    /** The first fire time of {@code cron} strictly after {@code time}, or null. */
    Instant after(QuartzCron cron, String timeZone, Instant time)
    {
        Date next = QuartzCron.nextAfter(expressions(cron, timeZone), Date.from(time));
        return next == null ? null : next.toInstant();
    }

    private List<CronExpression> expressions(QuartzCron cron, String timeZone)
    {
        return parsed.computeIfAbsent(cron + "|" + timeZone, key -> {
            try {
                return cron.parse(TimeZone.getTimeZone(timeZone == null ? "UTC" : timeZone));
            }
            catch (InvalidScheduleException e) {
                throw new IllegalStateException("stored cron expression '" + cron + "' does not parse: " + e.getMessage(), e);
            }
        });
    }
}
