package io.netcron.server.quartz.misfire;

import io.netcron.server.db.Database;
import io.netcron.server.quartz.store.QuartzKeys;
import io.netcron.server.quartz.store.TriggerLock;

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
        List<StoredCrons.Stored> late = late(schedulerName, now.minus(threshold));
        if (late.isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        List<Long> olds = new ArrayList<>();
        List<Long> nexts = new ArrayList<>();
        Map<String, StoredCrons.Stored> byName = new HashMap<>();
        for (StoredCrons.Stored trigger : late) {
            Instant next = crons.fireTimeAfter(trigger).apply(now);
            if (next == null) {
                continue; // the schedule has ended: the trigger completes when it next fires
            }
            names.add(trigger.triggerName());
            olds.add(trigger.next().toEpochMilli());
            nexts.add(next.toEpochMilli());
            byName.put(trigger.triggerName(), trigger);
        }
        List<String> moved = TriggerLock.underLock(database, schedulerName, handle -> handle.query("""
                        UPDATE netcron.qrtz_triggers t SET next_fire_time = m.next
                        FROM unnest(?::text[], ?::bigint[], ?::bigint[]) AS m(name, old, next)
                        WHERE t.sched_name = ? AND t.trigger_group = ? AND t.trigger_name = m.name
                          AND t.next_fire_time = m.old AND t.trigger_state = 'WAITING'
                        RETURNING t.trigger_name""",
                row -> row.getString(1),
                names.toArray(String[]::new), olds.toArray(Long[]::new), nexts.toArray(Long[]::new), schedulerName, QuartzKeys.GROUP));
        List<MissedFire> missed = new ArrayList<>();
        for (String name : moved) {
            StoredCrons.Stored trigger = byName.get(name);
            missed.addAll(MissedFireTimes.missedBetween(trigger.jobName(), crons.fireTimeAfter(trigger), trigger.next(), now, cap));
        }
        return missed;
    }

    private List<StoredCrons.Stored> late(String schedulerName, Instant before)
    {
        return database.query(StoredCrons.select("t.sched_name = ? AND t.trigger_group = ? AND t.trigger_state = 'WAITING' AND t.next_fire_time < ?"),
                StoredCrons::read, StoredCrons.twice(schedulerName, QuartzKeys.GROUP, before.toEpochMilli()));
    }
}
