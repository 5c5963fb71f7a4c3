package io.netcron.server.quartz;

import io.netcron.server.db.Database;
import org.quartz.CronExpression;

import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * The safety net behind {@link MisfireRecorder}: finds missed fire times afterwards from the
 * triggers themselves, in bulk, one node at a time (advisory lock). On a misfire Quartz moves a
 * cron trigger's next fire time past now and leaves its previous fire time alone, so until the
 * trigger fires again every schedule time strictly between the two was missed. Recording them
 * again is harmless ({@code missed_fire}'s key), so a node killed between Quartz's misfire and the
 * {@link MissedFireWriter}'s write loses nothing the detector still sees. It reads Quartz's tables
 * and never writes them.
 */
final class MissedFireDetector
{
    private final Database database;
    private final String schedulerName;
    private final int cap;
    private final Map<String, CronExpression> expressions = new ConcurrentHashMap<>();

    MissedFireDetector(Database database, String schedulerName, int cap)
    {
        this.database = requireNonNull(database, "database is null");
        this.schedulerName = requireNonNull(schedulerName, "schedulerName is null");
        this.cap = cap;
    }

    private record Gap(String jobName, String cron, String timeZone, Instant previous, Instant next) {}

    /** The missed times of every netcron cron trigger with a gap now; empty when another node is sweeping. */
    List<MissedFire> sweep()
    {
        List<Gap> gaps = database.inTransaction(handle -> {
            if (!handle.queryOne("SELECT pg_try_advisory_xact_lock(hashtext('netcron.missed_fire.detector'), 0)", row -> row.getBoolean(1)).orElse(false)) {
                return List.of();
            }
            // prev_fire_time is -1 until a trigger first fires; a gap of one second or less holds nothing
            return handle.query("""
                            SELECT t.job_name, c.cron_expression, c.time_zone_id, t.prev_fire_time, t.next_fire_time
                            FROM netcron.qrtz_triggers t
                            JOIN netcron.qrtz_cron_triggers c
                              ON c.sched_name = t.sched_name AND c.trigger_name = t.trigger_name AND c.trigger_group = t.trigger_group
                            WHERE t.sched_name = ? AND t.trigger_group = ? AND t.prev_fire_time > 0 AND t.next_fire_time > t.prev_fire_time + 1000""",
                    row -> new Gap(row.getString(1), row.getString(2), row.getString(3), Instant.ofEpochMilli(row.getLong(4)), Instant.ofEpochMilli(row.getLong(5))),
                    schedulerName, QuartzKeys.GROUP);
        });
        List<MissedFire> missed = new ArrayList<>();
        for (Gap gap : gaps) {
            CronExpression cron = expression(gap.cron(), gap.timeZone());
            Instant first = after(cron, gap.previous());
            if (first != null && first.isBefore(gap.next())) {
                missed.addAll(MisfireRecorder.missedBetween(gap.jobName(), time -> after(cron, time), first, gap.next().minusMillis(1), cap));
            }
        }
        return missed;
    }

    private CronExpression expression(String cron, String timeZone)
    {
        return expressions.computeIfAbsent(cron + "|" + timeZone, key -> {
            try {
                CronExpression expression = new CronExpression(cron);
                expression.setTimeZone(TimeZone.getTimeZone(timeZone == null ? "UTC" : timeZone));
                return expression;
            }
            catch (ParseException e) {
                throw new IllegalStateException("stored cron expression '" + cron + "' does not parse: " + e.getMessage(), e);
            }
        });
    }

    private static Instant after(CronExpression cron, Instant time)
    {
        Date next = cron.getTimeAfter(Date.from(time));
        return next == null ? null : next.toInstant();
    }
}
