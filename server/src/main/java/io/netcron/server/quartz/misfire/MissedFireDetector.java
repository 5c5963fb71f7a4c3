package io.netcron.server.quartz.misfire;

import io.netcron.server.quartz.store.QuartzKeys;
import io.netcron.server.quartz.store.UnionCronTriggerPersistence;
import io.netcron.server.schedule.QuartzCron;
import io.netcron.server.db.Database;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The safety net behind {@link LateTriggers}: finds missed fire times afterwards from the triggers
 * themselves, in bulk, one node at a time (advisory lock). A moved trigger keeps its previous fire
 * time, so until it fires again every schedule time strictly between its previous and next fire
 * time was missed. Recording them again is harmless ({@code missed_fire}'s key), so a node killed
 * between the move and the {@link MissedFireWriter}'s write loses nothing. It reads Quartz's tables
 * and never writes them.
 */
final class MissedFireDetector
{
    private final Database database;
    private final List<String> schedulerNames;
    private final int cap;
    private final StoredCrons crons;

    MissedFireDetector(Database database, List<String> schedulerNames, int cap, StoredCrons crons)
    {
        this.crons = requireNonNull(crons, "crons is null");
        this.database = requireNonNull(database, "database is null");
        this.schedulerNames = List.copyOf(requireNonNull(schedulerNames, "schedulerNames is null"));
        this.cap = cap;
    }

    private record Gap(String jobName, QuartzCron cron, String timeZone, Instant previous, Instant next) {}

    /** The missed times of every netcron cron trigger with a gap now; empty when another node is sweeping. */
    List<MissedFire> sweep()
    {
        List<Gap> gaps = database.inTransaction(handle -> {
            if (!handle.queryOne("SELECT pg_try_advisory_xact_lock(hashtext('netcron.missed_fire.detector'), 0)", row -> row.getBoolean(1)).orElse(false)) {
                return List.of();
            }
            // prev_fire_time is -1 until a trigger first fires; a gap of one second or less holds nothing. A gap
            // with a recorded missed time is recorded (the writer stores a gap's times in one statement): working
            // out its times again every second was most of a node's CPU under overload (docs/benchmarks.md)
            String inAGap = """
                    t.sched_name = ANY(?) AND t.trigger_group = ? AND t.prev_fire_time > 0 AND t.next_fire_time > t.prev_fire_time + 1000
                      AND NOT EXISTS (SELECT 1 FROM netcron.missed_fire m WHERE m.job_name = t.job_name
                                        AND m.scheduled_at > to_timestamp(t.prev_fire_time / 1000.0) AND m.scheduled_at < to_timestamp(t.next_fire_time / 1000.0))""";
            return handle.query("""
                            SELECT t.job_name, c.cron_expression, NULL AS other_expression, c.time_zone_id, t.prev_fire_time, t.next_fire_time
                            FROM netcron.qrtz_triggers t
                            JOIN netcron.qrtz_cron_triggers c
                              ON c.sched_name = t.sched_name AND c.trigger_name = t.trigger_name AND c.trigger_group = t.trigger_group
                            WHERE %1$s
                            UNION ALL
                            SELECT t.job_name, s.str_prop_1, s.str_prop_2, s.str_prop_3, t.prev_fire_time, t.next_fire_time
                            FROM netcron.qrtz_triggers t
                            JOIN netcron.qrtz_simprop_triggers s
                              ON s.sched_name = t.sched_name AND s.trigger_name = t.trigger_name AND s.trigger_group = t.trigger_group
                            WHERE t.trigger_type = '%2$s' AND %1$s""".formatted(inAGap, UnionCronTriggerPersistence.TYPE),
                    row -> new Gap(row.getString(1),
                            row.getString(3) == null ? QuartzCron.of(row.getString(2)) : QuartzCron.either(row.getString(2), row.getString(3)),
                            row.getString(4), Instant.ofEpochMilli(row.getLong(5)), Instant.ofEpochMilli(row.getLong(6))),
                    schedulerNames.toArray(String[]::new), QuartzKeys.GROUP, schedulerNames.toArray(String[]::new), QuartzKeys.GROUP);
        });
        List<MissedFire> missed = new ArrayList<>();
        for (Gap gap : gaps) {
            Instant first = crons.after(gap.cron(), gap.timeZone(), gap.previous());
            if (first != null && first.isBefore(gap.next())) {
                missed.addAll(MissedFireTimes.missedBetween(gap.jobName(), time -> crons.after(gap.cron(), gap.timeZone(), time), first, gap.next().minusMillis(1), cap));
            }
        }
        return missed;
    }
}
