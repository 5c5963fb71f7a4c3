package io.netcron.server.quartz.misfire;

import io.netcron.server.quartz.store.UnionCronTriggerPersistence;
import io.netcron.server.schedule.InvalidScheduleException;
import io.netcron.server.schedule.QuartzCron;
import org.quartz.CronExpression;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * netcron's cron triggers as Quartz stores them (plain cron, or the two-expression union type), read
 * by SQL, and their expressions, parsed once per expression and time zone.
 */
final class StoredCrons
{
    /** One stored cron trigger: its schedule and its previous and next fire times. */
    record Stored(String triggerName, String jobName, QuartzCron cron, String timeZone, Instant previous, Instant next) {}

    /**
     * The select of every cron trigger, of either type, matching {@code where} (a condition on
     * {@code t}, Quartz's trigger row); its arguments are bound twice ({@link #twice}).
     */
    static String select(String where)
    {
        return """
                SELECT t.trigger_name, t.job_name, c.cron_expression, NULL AS other_expression, c.time_zone_id, t.prev_fire_time, t.next_fire_time
                FROM netcron.qrtz_triggers t
                JOIN netcron.qrtz_cron_triggers c
                  ON c.sched_name = t.sched_name AND c.trigger_name = t.trigger_name AND c.trigger_group = t.trigger_group
                WHERE %1$s
                UNION ALL
                SELECT t.trigger_name, t.job_name, s.str_prop_1, s.str_prop_2, s.str_prop_3, t.prev_fire_time, t.next_fire_time
                FROM netcron.qrtz_triggers t
                JOIN netcron.qrtz_simprop_triggers s
                  ON s.sched_name = t.sched_name AND s.trigger_name = t.trigger_name AND s.trigger_group = t.trigger_group
                WHERE t.trigger_type = '%2$s' AND %1$s""".formatted(where, UnionCronTriggerPersistence.TYPE);
    }

    static Object[] twice(Object... arguments)
    {
        Object[] both = Arrays.copyOf(arguments, arguments.length * 2);
        System.arraycopy(arguments, 0, both, arguments.length, arguments.length);
        return both;
    }

    static Stored read(ResultSet row)
            throws SQLException
    {
        return new Stored(row.getString(1), row.getString(2),
                row.getString(4) == null ? QuartzCron.of(row.getString(3)) : QuartzCron.either(row.getString(3), row.getString(4)),
                row.getString(5), Instant.ofEpochMilli(row.getLong(6)), Instant.ofEpochMilli(row.getLong(7)));
    }

    private final Map<String, List<CronExpression>> parsed = new ConcurrentHashMap<>();

    /** The stored trigger's schedule: the first fire time strictly after a given time, or null. */
    UnaryOperator<Instant> fireTimeAfter(Stored trigger)
    {
        return time -> after(trigger.cron(), trigger.timeZone(), time);
    }

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
