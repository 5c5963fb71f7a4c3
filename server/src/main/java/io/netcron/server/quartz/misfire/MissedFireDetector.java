package io.netcron.server.quartz.misfire;

import io.netcron.server.quartz.store.QuartzKeys;
import io.netcron.server.db.Database;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

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

    /** The missed times of every netcron cron trigger with a gap now; empty when another node is sweeping. */
    List<MissedFire> sweep()
    {
        List<StoredCrons.Stored> gaps = database.inTransaction(handle -> {
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
            return handle.query(StoredCrons.select(inAGap), StoredCrons::read,
                    StoredCrons.twice(schedulerNames.toArray(String[]::new), QuartzKeys.GROUP));
        });
        List<MissedFire> missed = new ArrayList<>();
        for (StoredCrons.Stored gap : gaps) {
            UnaryOperator<Instant> schedule = crons.fireTimeAfter(gap);
            Instant first = schedule.apply(gap.previous());
            if (first != null && first.isBefore(gap.next())) {
                missed.addAll(MissedFireTimes.missedBetween(gap.jobName(), schedule, first, gap.next().minusMillis(1), cap));
            }
        }
        return missed;
    }
}
