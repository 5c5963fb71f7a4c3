package io.netcron.server.quartz;

import com.google.inject.Inject;
import io.netcron.server.catalog.JobCatalog;
import io.netcron.server.catalog.JobType;
import io.netcron.server.db.Database;
import io.netcron.server.db.Handle;
import io.netcron.server.jobs.JobRepository;
import io.netcron.server.jobs.JobRow;
import io.netcron.server.node.NodeRegistry;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;

import static java.util.Objects.requireNonNull;

/**
 * Makes Quartz match {@code netcron.job}. Each row version is applied once, by one node, under a
 * per-job advisory lock: a node that sees a version already applied leaves Quartz alone, so nodes
 * never undo each other. A row Quartz cannot use keeps the previous trigger in force and gets the
 * reason in {@code schedule_error}.
 */
public final class ScheduleSync
{
    private static final Logger log = LoggerFactory.getLogger(ScheduleSync.class);

    private final Scheduler scheduler;
    private final Database database;
    private final JobRepository jobs;
    private final JobCatalog catalog;
    private final NodeRegistry node;

    @Inject
    public ScheduleSync(Scheduler scheduler, Database database, JobRepository jobs, JobCatalog catalog, NodeRegistry node)
    {
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.database = requireNonNull(database, "database is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.node = requireNonNull(node, "node is null");
    }

    /** Inserts each discovered type's defaults once; later starts never overwrite an operator's edits. */
    public void insertDiscoveredDefaults()
    {
        for (JobType type : catalog.types()) {
            if (jobs.insertDefaults(type)) {
                log.info("New job {} ({}) registered with schedule {}", type.name(), type.implementation(), type.defaults().schedule().orElse("on demand"));
            }
        }
    }

    /** Applies every row that changed since it was last applied, and removes Quartz jobs whose row is gone. */
    public synchronized void reconcileAll()
    {
        List<JobRow> rows = jobs.findAll();
        Set<String> names = new HashSet<>();
        List<String> unknown = new ArrayList<>();
        for (JobRow row : rows) {
            names.add(row.name());
            if (catalog.find(row.implementation()).isEmpty()) {
                unknown.add(row.name());
            }
            try {
                if (needsApply(row)) {
                    apply(row.name());
                }
            }
            catch (RuntimeException | SchedulerException e) {
                log.warn("Could not apply job {}: {}", row.name(), e.getMessage(), e);
            }
        }
        node.forgetUnknownJobs(unknown);
        try {
            for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(QuartzKeys.GROUP))) {
                if (!names.contains(key.getName())) {
                    apply(key.getName());
                }
            }
        }
        catch (SchedulerException e) {
            log.warn("Could not list Quartz jobs: {}", e.getMessage(), e);
        }
    }

    /** Applies one job's current row (or its deletion). */
    public synchronized void reconcile(String jobName)
    {
        try {
            apply(jobName);
        }
        catch (SchedulerException | RuntimeException e) {
            log.warn("Could not apply job {}: {}", jobName, e.getMessage(), e);
        }
    }

    private boolean needsApply(JobRow row)
            throws SchedulerException
    {
        JobDetail detail = scheduler.getJobDetail(QuartzKeys.jobKey(row.name()));
        return detail == null || appliedVersion(detail) < row.version();
    }

    private void apply(String jobName)
            throws SchedulerException
    {
        database.inTransaction(handle -> {
            // one node at a time per job; the others find the version applied and do nothing
            handle.queryOne("SELECT pg_advisory_xact_lock(hashtext('netcron.job'), hashtext(?))", row -> true, jobName);
            Optional<JobRow> row = JobRepository.find(handle, jobName, false);
            try {
                if (row.isEmpty()) {
                    if (scheduler.deleteJob(QuartzKeys.jobKey(jobName))) {
                        log.info("Job {} was deleted from netcron.job; unscheduled", jobName);
                    }
                }
                else {
                    applyRow(handle, row.get());
                }
            }
            catch (SchedulerException e) {
                throw new IllegalStateException("Quartz refused the change: " + e.getMessage(), e);
            }
            return null;
        });
    }

    private void applyRow(Handle handle, JobRow row)
            throws SchedulerException, SQLException
    {
        JobKey jobKey = QuartzKeys.jobKey(row.name());
        JobDetail existing = scheduler.getJobDetail(jobKey);
        if (existing != null && appliedVersion(existing) >= row.version()) {
            return;
        }
        Optional<JobType> type = catalog.find(row.implementation());
        if (type.isEmpty()) {
            node.reportUnknownJob(row.name(), row.implementation());
            return;
        }
        Optional<CronTrigger> desired;
        try {
            desired = desiredTrigger(row);
        }
        catch (InvalidScheduleException e) {
            if (!e.getMessage().equals(row.scheduleError())) {
                log.warn("Job {}: {}; the previous schedule stays in force", row.name(), e.getMessage());
            }
            JobRepository.recordScheduleError(handle, row.name(), row.version(), e.getMessage());
            return;
        }

        JobDetail detail = JobBuilder.newJob(NetcronQuartzJob.class)
                .withIdentity(jobKey)
                .withDescription(truncate(row.description(), 250))
                .storeDurably()
                .requestRecovery(row.recoverable())
                .usingJobData(QuartzKeys.VERSION, Long.toString(row.version()))
                .build();
        scheduler.addJob(detail, true);

        TriggerKey triggerKey = QuartzKeys.triggerKey(row.name());
        Trigger current = scheduler.getTrigger(triggerKey);
        if (desired.isEmpty()) {
            if (current != null) {
                scheduler.unscheduleJob(triggerKey);
            }
        }
        else if (current == null) {
            scheduler.scheduleJob(desired.get());
        }
        else if (!sameSchedule(current, desired.get())) {
            scheduler.rescheduleJob(triggerKey, desired.get());
        }
        if (desired.isPresent()) {
            Trigger.TriggerState state = scheduler.getTriggerState(triggerKey);
            if (!row.enabled() && state != Trigger.TriggerState.PAUSED) {
                scheduler.pauseTrigger(triggerKey);
            }
            else if (row.enabled() && state == Trigger.TriggerState.PAUSED) {
                // fire times while paused were not missed: the operator paused them
                resume(triggerKey);
            }
        }
        Trigger applied = scheduler.getTrigger(triggerKey);
        Instant nextFire = row.enabled() && applied != null && applied.getNextFireTime() != null ? applied.getNextFireTime().toInstant() : null;
        JobRepository.recordApplied(handle, row.name(), row.version(), nextFire, null);
        log.info("Job {} version {} applied: schedule {}, {}, next fire {}",
                row.name(), row.version(), row.schedule().orElse("on demand"), row.enabled() ? "enabled" : "paused", nextFire);
    }

    private void resume(TriggerKey triggerKey)
            throws SchedulerException
    {
        try {
            MisfireRecorder.whileNotMissed(() -> {
                scheduler.resumeTrigger(triggerKey);
                return null;
            });
        }
        catch (SchedulerException | RuntimeException e) {
            throw e;
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Optional<CronTrigger> desiredTrigger(JobRow row)
    {
        if (row.schedule().isEmpty()) {
            return Optional.empty();
        }
        String cron = Schedules.toQuartz(row.schedule().get());
        TimeZone zone;
        try {
            zone = TimeZone.getTimeZone(ZoneId.of(row.timeZone()));
        }
        catch (DateTimeException e) {
            throw new InvalidScheduleException("unknown time zone '" + row.timeZone() + "' (use an IANA name such as Europe/Berlin)");
        }
        // Quartz itself never runs a missed time: MisfireRecorder records them and CatchUpService
        // applies the row's misfire_policy (exact bookkeeping, capped catch-up, cause catch_up)
        CronScheduleBuilder schedule = CronScheduleBuilder.cronSchedule(cron).inTimeZone(zone).withMisfireHandlingInstructionDoNothing();
        return Optional.of(TriggerBuilder.newTrigger()
                .withIdentity(QuartzKeys.triggerKey(row.name()))
                .forJob(QuartzKeys.jobKey(row.name()))
                .withSchedule(schedule)
                .build());
    }

    private static boolean sameSchedule(Trigger current, CronTrigger desired)
    {
        return current instanceof CronTrigger cron
                && cron.getCronExpression().equals(desired.getCronExpression())
                && cron.getTimeZone().getID().equals(desired.getTimeZone().getID())
                && cron.getMisfireInstruction() == desired.getMisfireInstruction();
    }

    static long appliedVersion(JobDetail detail)
    {
        String value = detail.getJobDataMap().getString(QuartzKeys.VERSION);
        return value == null ? 0 : Long.parseLong(value);
    }

    private static String truncate(String text, int max)
    {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
