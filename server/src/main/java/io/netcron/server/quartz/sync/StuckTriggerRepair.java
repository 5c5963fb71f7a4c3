package io.netcron.server.quartz.sync;

import com.google.inject.Inject;
import io.netcron.server.config.QuartzConfig;
import io.netcron.server.db.Database;
import io.netcron.server.lifecycle.PeriodicTask;
import io.netcron.server.lifecycle.Service;
import io.netcron.server.quartz.store.SchedulerPartitions;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Finds triggers stuck where Quartz will not move them again (its issues #95, #145, #1516): in
 * ERROR (a firing that could not start), or ACQUIRED / BLOCKED with no live node owning the firing.
 * Each is repaired through the Quartz API and logged: ERROR is reset, an ownerless ACQUIRED or
 * BLOCKED trigger is stored anew from its next fire time (a time already past then goes through
 * the job's misfire policy). Quartz's tables are only read here, never written by SQL. An
 * ownerless trigger must be seen twice in a row, so a firing in flight is never mistaken for one.
 */
public final class StuckTriggerRepair
        implements Service
{
    private static final Logger log = LoggerFactory.getLogger(StuckTriggerRepair.class);

    private final SchedulerPartitions schedulers;
    private final Database database;
    private final QuartzConfig config;
    private Set<Stuck> seenBefore = Set.of();
    private PeriodicTask checks;

    @Inject
    public StuckTriggerRepair(SchedulerPartitions schedulers, Database database, QuartzConfig config)
    {
        this.schedulers = requireNonNull(schedulers, "schedulers is null");
        this.database = requireNonNull(database, "database is null");
        this.config = requireNonNull(config, "config is null");
    }

    record Stuck(String schedulerName, String name, String group, String state) {}

    @Override
    public void start()
    {
        checks = PeriodicTask.every(config.stuckTriggerCheck(), "netcron-stuck-triggers", log, "Checking for stuck triggers", this::check);
    }

    @Override
    public void stop()
    {
        if (checks != null) {
            checks.close();
        }
    }

    /** One check; returns the triggers repaired. */
    synchronized List<Stuck> check()
    {
        try {
            List<Stuck> found = find();
            List<Stuck> repaired = found.stream()
                    .filter(stuck -> stuck.state().equals("ERROR") || seenBefore.contains(stuck))
                    .filter(this::repair)
                    .toList();
            Set<Stuck> pending = new HashSet<>(found);
            repaired.forEach(pending::remove);
            seenBefore = pending;
            return repaired;
        }
        catch (RuntimeException e) {
            log.warn("Checking for stuck triggers failed: {}", e.getMessage());
            return List.of();
        }
    }

    private List<Stuck> find()
    {
        return database.query("""
                        SELECT t.sched_name, t.trigger_name, t.trigger_group, t.trigger_state
                        FROM netcron.qrtz_triggers t
                        WHERE t.sched_name = ANY(?)
                          AND (t.trigger_state = 'ERROR'
                               OR (t.trigger_state = 'ACQUIRED' AND NOT EXISTS (
                                       SELECT 1 FROM netcron.qrtz_fired_triggers f
                                       JOIN netcron.qrtz_scheduler_state s ON s.sched_name = f.sched_name AND s.instance_name = f.instance_name
                                       WHERE f.sched_name = t.sched_name AND f.trigger_name = t.trigger_name AND f.trigger_group = t.trigger_group))
                               OR (t.trigger_state IN ('BLOCKED', 'PAUSED_BLOCKED') AND NOT EXISTS (
                                       SELECT 1 FROM netcron.qrtz_fired_triggers f
                                       JOIN netcron.qrtz_scheduler_state s ON s.sched_name = f.sched_name AND s.instance_name = f.instance_name
                                       WHERE f.sched_name = t.sched_name AND f.job_name = t.job_name AND f.job_group = t.job_group)))
                        ORDER BY t.sched_name, t.trigger_group, t.trigger_name""",
                row -> new Stuck(row.getString("sched_name"), row.getString("trigger_name"), row.getString("trigger_group"), row.getString("trigger_state")),
                (Object) schedulers.names().toArray(String[]::new));
    }

    private boolean repair(Stuck stuck)
    {
        TriggerKey key = TriggerKey.triggerKey(stuck.name(), stuck.group());
        Scheduler scheduler = schedulers.all().get(schedulers.names().indexOf(stuck.schedulerName()));
        try {
            if (stuck.state().equals("ERROR")) {
                scheduler.resetTriggerFromErrorState(key);
                log.warn("Trigger {} was stuck in state ERROR (a firing could not start); reset to fire again", key);
                return true;
            }
            Trigger current = scheduler.getTrigger(key);
            if (current == null) {
                return false;
            }
            Date from = current.getNextFireTime() != null ? current.getNextFireTime() : new Date();
            scheduler.rescheduleJob(key, current.getTriggerBuilder().startAt(from).build());
            log.warn("Trigger {} was stuck in state {} with no live node owning it; stored again from its next fire time {}", key, stuck.state(), from.toInstant());
            return true;
        }
        catch (SchedulerException | RuntimeException e) {
            log.warn("Could not repair trigger {} stuck in state {}: {}", key, stuck.state(), e.getMessage());
            return false;
        }
    }
}
