package io.netcron.server.quartz;

import com.google.inject.Inject;
import io.netcron.server.node.LocalScheduler;
import org.quartz.JobExecutionContext;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The netcron-typed face of this node's Quartz {@link Scheduler}: state and firings for the node
 * ({@link LocalScheduler}), and run-now requests for {@code control}. Quartz's checked
 * {@link SchedulerException} becomes {@link LocalSchedulerException}.
 */
public final class QuartzLocalScheduler
        implements LocalScheduler
{
    private final Scheduler scheduler;
    private final Clock clock;

    public QuartzLocalScheduler(Scheduler scheduler)
    {
        this(scheduler, Clock.systemUTC());
    }

    @Inject
    public QuartzLocalScheduler(Scheduler scheduler, Clock clock)
    {
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public String schedulerName()
    {
        return call(scheduler::getSchedulerName);
    }

    @Override
    public String instanceId()
    {
        return call(scheduler::getSchedulerInstanceId);
    }

    @Override
    public boolean isStarted()
    {
        return call(scheduler::isStarted);
    }

    @Override
    public boolean isInStandbyMode()
    {
        return call(scheduler::isInStandbyMode);
    }

    @Override
    public boolean isShutdown()
    {
        return call(scheduler::isShutdown);
    }

    @Override
    public void start()
    {
        call(() -> {
            scheduler.start();
            return null;
        });
    }

    @Override
    public void standby()
    {
        call(() -> {
            scheduler.standby();
            return null;
        });
    }

    @Override
    public int threadPoolSize()
    {
        return call(() -> scheduler.getMetaData().getThreadPoolSize());
    }

    @Override
    public Optional<Instant> runningSince()
    {
        return call(() -> Optional.ofNullable(scheduler.getMetaData().getRunningSince()).map(java.util.Date::toInstant));
    }

    @Override
    public List<Firing> executing()
    {
        return call(() -> scheduler.getCurrentlyExecutingJobs().stream()
                .map((JobExecutionContext context) -> new Firing(context.getJobDetail().getKey().getName(), context.getFireInstanceId()))
                .toList());
    }

    @Override
    public void interrupt(String fireInstanceId)
    {
        call(() -> scheduler.interrupt(fireInstanceId));
    }

    /** Whether the job has its Quartz job (its row was applied by {@link ScheduleSync}). */
    public boolean hasJob(String jobName)
    {
        return call(() -> scheduler.checkExists(QuartzKeys.jobKey(jobName)));
    }

    /**
     * Hands a run-now request to the cluster as a one-shot trigger named for the request; false
     * when that trigger exists already (handed over before by a node that died before marking it).
     */
    public boolean requestRun(RunNow request)
    {
        try {
            scheduler.scheduleJob(OneShotTriggers.runNow(request, clock.instant()));
            return true;
        }
        catch (ObjectAlreadyExistsException e) {
            return false;
        }
        catch (SchedulerException e) {
            throw new LocalSchedulerException(e.getMessage(), e);
        }
    }

    /** A run-now request as the scheduler needs it. */
    public record RunNow(long requestId, String jobName, Instant scheduledAt, String causeSqlName, Optional<String> paramsJson)
    {
        public RunNow
        {
            requireNonNull(jobName, "jobName is null");
            requireNonNull(scheduledAt, "scheduledAt is null");
            requireNonNull(causeSqlName, "causeSqlName is null");
            requireNonNull(paramsJson, "paramsJson is null");
        }
    }

    private interface SchedulerCall<T>
    {
        T call()
                throws SchedulerException;
    }

    private static <T> T call(SchedulerCall<T> call)
    {
        try {
            return call.call();
        }
        catch (SchedulerException e) {
            throw new LocalSchedulerException(e.getMessage(), e);
        }
    }
}
