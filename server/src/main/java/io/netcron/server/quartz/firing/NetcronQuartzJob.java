package io.netcron.server.quartz.firing;

import com.google.inject.Inject;
import io.netcron.job.Concurrency;
import io.netcron.job.RunCause;
import io.netcron.server.catalog.JobCatalog;
import io.netcron.server.catalog.JobType;
import io.netcron.server.db.Transient;
import io.netcron.server.execution.JobRunner;
import io.netcron.server.execution.RunPlan;
import io.netcron.server.history.DuplicateRunException;
import io.netcron.server.history.RunHistory;
import io.netcron.server.history.RunRecord;
import io.netcron.server.quartz.store.QuartzKeys;
import io.netcron.server.quartz.triggers.OneShotTriggers;
import io.netcron.server.run.RunStart;
import io.netcron.server.run.RunStatus;
import io.netcron.server.lifecycle.BestEffort;
import io.netcron.server.jobtable.JobRow;
import io.netcron.server.node.NodeRegistry;
import org.quartz.InterruptableJob;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The one Quartz job class: every firing of every netcron job comes here, finds its
 * {@code netcron.job} row ({@link AppliedJobRows}) and is handed to the {@link JobRunner}. Jobs themselves never see Quartz.
 */
public final class NetcronQuartzJob
        implements InterruptableJob
{
    private static final Logger log = LoggerFactory.getLogger(NetcronQuartzJob.class);
    /** How often an unknown job is passed on before the firing is given up. */
    static final int MAX_HANDOFFS = 10;

    private final AppliedJobRows jobs;
    private final JobCatalog catalog;
    private final JobRunner runner;
    private final NodeRegistry node;
    private final RunHistory history;
    private volatile Thread runningThread;

    @Inject
    public NetcronQuartzJob(AppliedJobRows jobs, JobCatalog catalog, JobRunner runner, NodeRegistry node, RunHistory history)
    {
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.runner = requireNonNull(runner, "runner is null");
        this.node = requireNonNull(node, "node is null");
        this.history = requireNonNull(history, "history is null");
    }

    @Override
    public void execute(JobExecutionContext context)
            throws JobExecutionException
    {
        String jobName = context.getJobDetail().getKey().getName();
        Optional<JobRow> row = jobs.find(jobName, QuartzKeys.appliedVersion(context.getJobDetail()));
        if (row.isEmpty()) {
            log.warn("Job {} fired but has no row in netcron.job (deleted?); not run", jobName);
            return;
        }
        Optional<JobType> type = catalog.find(row.get().implementation());
        if (type.isEmpty()) {
            handOff(context, row.get());
            return;
        }
        JobDataMap data = context.getMergedJobDataMap();
        Instant scheduledAt = scheduledAt(context, data);
        int attempt = data.containsKey(QuartzKeys.ATTEMPT) ? Integer.parseInt(data.getString(QuartzKeys.ATTEMPT)) : 1;
        if (context.isRecovering()) {
            Optional<Integer> next = recoveryAttempt(jobName, scheduledAt);
            if (next.isEmpty()) {
                return;
            }
            attempt = next.get() == 0 ? attempt : next.get();
        }
        RunStart start = new RunStart(
                jobName,
                scheduledAt,
                attempt,
                cause(context, data),
                node.nodeId(),
                Concurrency.fromSqlName(row.get().concurrency()) == Concurrency.FORBID);
        String params = JobRunner.mergeParams(row.get().paramsJson(), Optional.ofNullable(data.getString(QuartzKeys.PARAMS)));
        // netcron.job.next_fire_at follows the trigger through JobStateRefresh, not a write per firing
        runningThread = Thread.currentThread();
        try {
            runner.run(new RunPlan(start, type.get(), params, row.get().maxRuntime(), row.get().isolated()));
        }
        catch (DuplicateRunException e) {
            log.error("Double firing refused by the database: {}", e.getMessage());
            BestEffort.run(log, "Recording the refused firing of " + jobName, () -> history.refused(start));
        }
        finally {
            runningThread = null;
            Thread.interrupted(); // do not leak an interrupt into Quartz's worker thread
        }
    }

    @Override
    public void interrupt()
    {
        Thread thread = runningThread;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /**
     * A recovery firing (Quartz found the node that ran this fire time dead): the next attempt
     * number after the newest recorded one, with that attempt's row marked {@code abandoned}; 0 when
     * no attempt was recorded; empty when the newest attempt had in fact ended (the node died after
     * recording it), so the fire time is not run again.
     */
    private Optional<Integer> recoveryAttempt(String jobName, Instant scheduledAt)
    {
        Optional<RunRecord> latest = Transient.retry("Reading the runs of " + jobName, () -> history.latestAttempt(jobName, scheduledAt));
        if (latest.isEmpty()) {
            return Optional.of(0);
        }
        RunStatus status = RunStatus.fromSqlName(latest.get().status());
        if (status != RunStatus.RUNNING && status != RunStatus.ABANDONED) {
            log.info("Recovery of job {} fire time {}: attempt {} had already ended {}; not run again",
                    jobName, scheduledAt, latest.get().attempt(), status.sqlName());
            return Optional.empty();
        }
        String reason = "abandoned: node " + latest.get().nodeId() + " died during the run; recovered on node " + node.nodeId();
        int abandoned = Transient.retry("Abandoning the interrupted run of " + jobName, () -> history.abandon(jobName, scheduledAt, reason));
        log.warn("Recovering job {} fire time {} (attempt {} on node {} {}) on node {}", jobName, scheduledAt, latest.get().attempt(),
                latest.get().nodeId(), abandoned > 0 ? "marked abandoned" : status.sqlName(), node.nodeId());
        return Optional.of(latest.get().attempt() + 1);
    }

    /** The fire time a firing belongs to: a one-shot's original time, a recovered firing's original time, else the trigger's. */
    private static Instant scheduledAt(JobExecutionContext context, JobDataMap data)
    {
        if (data.containsKey(QuartzKeys.SCHEDULED_AT)) {
            return QuartzKeys.instant(data.getString(QuartzKeys.SCHEDULED_AT));
        }
        if (context.isRecovering() && data.containsKey(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS)) {
            return Instant.ofEpochMilli(Long.parseLong(data.getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS)));
        }
        return context.getScheduledFireTime().toInstant();
    }

    private static RunCause cause(JobExecutionContext context, JobDataMap data)
    {
        if (context.isRecovering()) {
            return RunCause.RECOVERY;
        }
        if (data.containsKey(QuartzKeys.CAUSE)) {
            return RunCause.fromSqlName(data.getString(QuartzKeys.CAUSE));
        }
        return switch (context.getTrigger().getKey().getGroup()) {
            case QuartzKeys.MANUAL_GROUP -> RunCause.MANUAL;
            case QuartzKeys.RETRY_GROUP -> RunCause.RETRY;
            case QuartzKeys.CATCH_UP_GROUP -> RunCause.CATCH_UP;
            default -> RunCause.SCHEDULE;
        };
    }

    /**
     * This node's code lacks the job's implementation (a rolling deploy with mixed versions):
     * pass the firing on as a one-shot trigger that another node can take, instead of failing it.
     */
    private void handOff(JobExecutionContext context, JobRow row)
    {
        node.reportUnknownJob(row.name(), row.implementation());
        JobDataMap data = context.getMergedJobDataMap();
        int handoffs = data.containsKey(QuartzKeys.HANDOFFS) ? Integer.parseInt(data.getString(QuartzKeys.HANDOFFS)) : 0;
        if (handoffs >= MAX_HANDOFFS) {
            log.error("Job {} fired for {} but no node that took it knows implementation {}; firing given up after {} hand-offs",
                    row.name(), context.getScheduledFireTime(), row.implementation(), handoffs);
            return;
        }
        JobDataMap handoff = new JobDataMap();
        data.forEach((key, value) -> {
            if (key.startsWith("netcron.") && !key.equals(QuartzKeys.VERSION)) {
                handoff.put(key, value);
            }
        });
        handoff.put(QuartzKeys.HANDOFFS, Integer.toString(handoffs + 1));
        handoff.putIfAbsent(QuartzKeys.SCHEDULED_AT, Long.toString(scheduledAt(context, data).toEpochMilli()));
        handoff.putIfAbsent(QuartzKeys.CAUSE, cause(context, data).sqlName());
        Trigger trigger = OneShotTriggers.handOff(row.name(), context.getJobDetail().getKey(), handoff.getWrappedMap(), Instant.now().plusMillis(500));
        try {
            context.getScheduler().scheduleJob(trigger);
        }
        catch (SchedulerException e) {
            log.error("Job {}: could not hand the firing to another node: {}", row.name(), e.getMessage());
        }
    }
}
