package io.netcron.server.quartz.firing;

import com.google.inject.Inject;
import io.netcron.server.config.QuartzConfig;
import io.netcron.server.config.Settings;
import io.netcron.server.db.Transient;
import io.netcron.server.execution.RunEvent;
import io.netcron.server.execution.RunListener;
import io.netcron.server.quartz.store.SchedulerPartitions;
import io.netcron.server.quartz.triggers.OneShotTriggers;
import io.netcron.server.run.RunStart;
import io.netcron.server.run.RunStatus;
import io.netcron.server.jobtable.JobRepository;
import io.netcron.server.jobtable.JobRow;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Retries failed and timed-out runs per the job's row: attempt n+1 of the same fire time, after
 * {@code retry_backoff * 2^(n-1)} capped at {@code quartz.max-retry-delay}, up to
 * {@code max_retries} retries. A pending retry is a one-shot Quartz trigger in the database, so any
 * node may run it and it survives the death of the node that scheduled it.
 */
public final class RetryScheduler
        implements RunListener
{
    private static final Logger log = LoggerFactory.getLogger(RetryScheduler.class);

    private final SchedulerPartitions schedulers;
    private final JobRepository jobs;
    private final QuartzConfig config;
    private final Clock clock;

    @Inject
    public RetryScheduler(SchedulerPartitions schedulers, JobRepository jobs, QuartzConfig config, Clock clock)
    {
        this.clock = requireNonNull(clock, "clock is null");
        this.schedulers = requireNonNull(schedulers, "schedulers is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    public void onEvent(RunEvent event)
    {
        if (!(event instanceof RunEvent.Finished finished)) {
            return;
        }
        RunStatus status = finished.end().status();
        if (status != RunStatus.FAILED && status != RunStatus.TIMED_OUT) {
            return;
        }
        RunStart start = finished.start();
        Optional<JobRow> row = Transient.retry("Reading job " + start.jobName(), () -> jobs.find(start.jobName()));
        if (row.isEmpty() || start.attempt() > row.get().maxRetries()) {
            if (row.isPresent() && row.get().maxRetries() > 0) {
                log.warn("Job {} fire time {}: attempt {} {}; no retries left (max_retries {})",
                        start.jobName(), start.scheduledAt(), start.attempt(), status.sqlName(), row.get().maxRetries());
            }
            return;
        }
        Duration delay = delay(row.get().retryBackoff(), start.attempt(), config.maxRetryDelay());
        Trigger retry = OneShotTriggers.retry(start.jobName(), start.scheduledAt(), start.attempt() + 1, clock.instant().plus(delay));
        try {
            Transient.retry("Scheduling a retry of " + start.jobName(), () -> {
                try {
                    schedulers.forJob(start.jobName()).scheduleJob(retry);
                    return null;
                }
                catch (ObjectAlreadyExistsException e) {
                    return null; // scheduled already (a recorded end retried after a lost connection)
                }
                catch (SchedulerException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            });
            log.info("Job {} fire time {}: attempt {} {}; attempt {} of {} in {}", start.jobName(), start.scheduledAt(), start.attempt(), status.sqlName(),
                    start.attempt() + 1, row.get().maxRetries() + 1, Settings.format(delay));
        }
        catch (RuntimeException e) {
            log.error("Job {} fire time {}: could not schedule attempt {}: {}", start.jobName(), start.scheduledAt(), start.attempt() + 1, e.getMessage());
        }
    }

    /** {@code backoff * 2^(attempt-1)}, at most {@code max}. */
    static Duration delay(Duration backoff, int attempt, Duration max)
    {
        Duration delay = backoff;
        for (int i = 1; i < attempt && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
