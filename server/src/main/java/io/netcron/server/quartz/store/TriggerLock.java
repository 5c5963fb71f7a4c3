package io.netcron.server.quartz.store;

import io.netcron.server.db.Database;

import java.util.Collection;
import java.util.List;

/**
 * Bulk changes netcron makes to one partition's triggers in Quartz's tables, each one statement
 * under the partition's cluster-wide {@code TRIGGER_ACCESS} row lock (Quartz's own lock, so no
 * acquisition or firing reads triggers half changed) and in a transaction of its own, so the lock
 * is held for that statement only. Quartz's API changes triggers one at a time, each in a
 * transaction that takes the lock: hundreds at once queued behind the firing path for seconds
 * (docs/benchmarks.md).
 */
public final class TriggerLock
{
    private TriggerLock() {}

    /** Runs the change in a new transaction that holds the partition's trigger lock. */
    public static <T> T underLock(Database database, String schedulerName, Database.HandleCallback<T> change)
    {
        return database.inTransaction(handle -> {
            handle.query("SELECT lock_name FROM netcron.qrtz_locks WHERE sched_name = ? AND lock_name = 'TRIGGER_ACCESS' FOR UPDATE", row -> row.getString(1), schedulerName);
            return change.apply(handle);
        });
    }

    /**
     * Pauses these triggers of netcron's group as {@code Scheduler.pauseTrigger} does, one statement
     * for all: waiting or acquired becomes paused (a node that acquired one then skips it when it
     * would fire), blocked becomes paused-blocked, others stay. Returns the names now paused.
     */
    public static List<String> pause(Database database, String schedulerName, Collection<String> triggerNames)
    {
        if (triggerNames.isEmpty()) {
            return List.of();
        }
        return underLock(database, schedulerName, handle -> handle.query("""
                        UPDATE netcron.qrtz_triggers
                        SET trigger_state = CASE trigger_state WHEN 'BLOCKED' THEN 'PAUSED_BLOCKED' ELSE 'PAUSED' END
                        WHERE sched_name = ? AND trigger_group = ? AND trigger_name = ANY(?)
                          AND trigger_state IN ('WAITING', 'ACQUIRED', 'BLOCKED')
                        RETURNING trigger_name""",
                row -> row.getString(1), schedulerName, QuartzKeys.GROUP, triggerNames.toArray(String[]::new)));
    }
}
