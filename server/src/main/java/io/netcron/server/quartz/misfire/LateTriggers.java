package io.netcron.server.quartz.misfire;

import io.netcron.server.db.Database;
import io.netcron.server.quartz.store.QuartzKeys;
import io.netcron.server.quartz.store.UnionCronTriggerPersistence;
import io.netcron.server.schedule.QuartzCron;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * netcron's misfire step, in place of Quartz's: moves the cron triggers that no node fired within
 * the misfire threshold to their first fire time after now, in bulk, and returns the fire times
 * they skip (newest {@code quartz.catch-up-max} per trigger) for the {@link MissedFireWriter}.
 * <p>
 * Quartz's own misfire handler is off ({@code ClusteredJobStore.doRecoverMisfires}): it moved late
 * triggers one at a time, about eight statements each, inside the partition's
 * {@code TRIGGER_ACCESS} lock, 20 per transaction and again 50 ms later for as long as any
 * remained - under overload it starved acquisition and fed the misfires it was handling
 * (docs/benchmarks.md). Cron triggers carry "do nothing", so Quartz does not acquire one later
 * than the threshold: such a trigger stays as it is until moved here. Late triggers are found
 * without the lock; the move is one statement per partition under the partition's lock (so no
 * acquisition reads a trigger half moved), only where the trigger is still waiting with the fire
 * time read.
 */
final class LateTriggers
{
    private final Database database;
    private final List<String> schedulerNames;
    private final Duration threshold;
    private final int cap;
    private final StoredCrons crons;
    private final Supplier<Instant> clock;

    LateTriggers(Database database, List<String> schedulerNames, Duration threshold, int cap, StoredCrons crons, Supplier<Instant> clock)
    {
        this.database = requireNonNull(database, "database is null");
        this.schedulerNames = List.copyOf(requireNonNull(schedulerNames, "schedulerNames is null"));
        this.threshold = requireNonNull(threshold, "threshold is null");
        this.cap = cap;
        this.crons = requireNonNull(crons, "crons is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    private record Late(String triggerName, String jobName, QuartzCron cron, String timeZone, Instant next) {}

    /** Moves every late trigger of every partition; the fire times skipped, for the writer. */
    List<MissedFire> advance()
    {
        List<MissedFire> missed = new ArrayList<>();
        for (String schedulerName : schedulerNames) {
            missed.addAll(advance(schedulerName));
        }
        return missed;
    }

    private List<MissedFire> advance(String schedulerName)
    {
        Instant now = clock.get();
        List<Late> late = late(schedulerName, now.minus(threshold));
        if (late.isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        List<Long> olds = new ArrayList<>();
        List<Long> nexts = new ArrayList<>();
        Map<String, Late> byName = new HashMap<>();
        for (Late trigger : late) {
            Instant next = crons.after(trigger.cron(), trigger.timeZone(), now);
            if (next == null) {
                continue; // the schedule has ended: the trigger completes when it next fires
            }
            names.add(trigger.triggerName());
            olds.add(trigger.next().toEpochMilli());
            nexts.add(next.toEpochMilli());
            byName.put(trigger.triggerName(), trigger);
        }
        List<String> moved = database.inTransaction(handle -> {
            // Quartz's own row lock of the partition: held for this one statement
            handle.query("SELECT lock_name FROM netcron.qrtz_locks WHERE sched_name = ? AND lock_name = 'TRIGGER_ACCESS' FOR UPDATE", row -> row.getString(1), schedulerName);
            return handle.query("""
                            UPDATE netcron.qrtz_triggers t SET next_fire_time = m.next
                            FROM unnest(?::text[], ?::bigint[], ?::bigint[]) AS m(name, old, next)
                            WHERE t.sched_name = ? AND t.trigger_group = ? AND t.trigger_name = m.name
                              AND t.next_fire_time = m.old AND t.trigger_state = 'WAITING'
                            RETURNING t.trigger_name""",
                    row -> row.getString(1),
                    names.toArray(String[]::new), olds.toArray(Long[]::new), nexts.toArray(Long[]::new), schedulerName, QuartzKeys.GROUP);
        });
        List<MissedFire> missed = new ArrayList<>();
        for (String name : moved) {
            Late trigger = byName.get(name);
            missed.addAll(MissedFireTimes.missedBetween(trigger.jobName(), time -> crons.after(trigger.cron(), trigger.timeZone(), time), trigger.next(), now, cap));
        }
        return missed;
    }

    private List<Late> late(String schedulerName, Instant before)
    {
        String late = "t.sched_name = ? AND t.trigger_group = ? AND t.trigger_state = 'WAITING' AND t.next_fire_time < ?";
        return database.query("""
                        SELECT t.trigger_name, t.job_name, c.cron_expression, NULL AS other_expression, c.time_zone_id, t.next_fire_time
                        FROM netcron.qrtz_triggers t
                        JOIN netcron.qrtz_cron_triggers c
                          ON c.sched_name = t.sched_name AND c.trigger_name = t.trigger_name AND c.trigger_group = t.trigger_group
                        WHERE %1$s
                        UNION ALL
                        SELECT t.trigger_name, t.job_name, s.str_prop_1, s.str_prop_2, s.str_prop_3, t.next_fire_time
                        FROM netcron.qrtz_triggers t
                        JOIN netcron.qrtz_simprop_triggers s
                          ON s.sched_name = t.sched_name AND s.trigger_name = t.trigger_name AND s.trigger_group = t.trigger_group
                        WHERE t.trigger_type = '%2$s' AND %1$s""".formatted(late, UnionCronTriggerPersistence.TYPE),
                row -> new Late(row.getString(1), row.getString(2),
                        row.getString(4) == null ? QuartzCron.of(row.getString(3)) : QuartzCron.either(row.getString(3), row.getString(4)),
                        row.getString(5), Instant.ofEpochMilli(row.getLong(6))),
                schedulerName, QuartzKeys.GROUP, before.toEpochMilli(), schedulerName, QuartzKeys.GROUP, before.toEpochMilli());
    }
}
