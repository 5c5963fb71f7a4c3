package io.netcron.server.quartz.firing;

import com.google.inject.Inject;
import io.netcron.server.node.LocalScheduler;
import io.netcron.server.quartz.store.QuartzKeys;
import io.netcron.server.quartz.store.SchedulerPartitions;
import io.netcron.server.quartz.triggers.OneShotTriggers;
import org.quartz.JobExecutionContext;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The netcron-typed face of this node's Quartz schedulers (one per partition, see
 * {@link SchedulerPartitions}): state and firings for the node ({@link LocalScheduler}), and
 * run-now requests for {@code control}. Quartz's checked {@link SchedulerException} becomes
 * {@link LocalSchedulerException}.
 */
public final class QuartzLocalScheduler
        implements LocalScheduler
{
    private final SchedulerPartitions schedulers;
    private final Clock clock;

    public QuartzLocalScheduler(SchedulerPartitions schedulers)
    {
        this(schedulers, Clock.systemUTC());
    }

    @Inject
    public QuartzLocalScheduler(SchedulerPartitions schedulers, Clock clock)
    {
        this.schedulers = requireNonNull(schedulers, "schedulers is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The cluster's name (partition 0's scheduler name). */
    @Override
    public String schedulerName()
    {
        return call(schedulers.first()::getSchedulerName);
    }

    @Override
    public List<String> schedulerNames()
    {
        return schedulers.names();
    }

    @Override
    public String instanceId()
    {
        return call(schedulers.first()::getSchedulerInstanceId);
    }

    @Override
    public boolean isStarted()
    {
        return every(Scheduler::isStarted);
    }

    @Override
    public boolean isInStandbyMode()
    {
        return any(Scheduler::isInStandbyMode);
    }

    @Override
    public boolean isShutdown()
    {
        return any(Scheduler::isShutdown);
    }

    @Override
    public void start()
    {
        for (Scheduler scheduler : schedulers.all()) {
            call(() -> {
                scheduler.start();
                return null;
            });
        }
    }

    @Override
    public void standby()
    {
        for (Scheduler scheduler : schedulers.all()) {
            call(() -> {
                scheduler.standby();
                return null;
            });
        }
    }

    /** The node's worker threads (shared by the partitions). */
    @Override
    public int threadPoolSize()
    {
        return call(() -> schedulers.first().getMetaData().getThreadPoolSize());
    }

    @Override
    public Optional<Instant> runningSince()
    {
        return call(() -> Optional.ofNullable(schedulers.first().getMetaData().getRunningSince()).map(java.util.Date::toInstant));
    }

    @Override
    public List<Firing> executing()
    {
        List<Firing> firings = new ArrayList<>();
        for (Scheduler scheduler : schedulers.all()) {
            call(() -> scheduler.getCurrentlyExecutingJobs()).stream()
                    .map((JobExecutionContext context) -> new Firing(context.getJobDetail().getKey().getName(), context.getFireInstanceId()))
                    .forEach(firings::add);
        }
        return firings;
    }

    @Override
    public void interrupt(String fireInstanceId)
    {
        for (Scheduler scheduler : schedulers.all()) {
            if (call(() -> scheduler.interrupt(fireInstanceId))) {
                return;
            }
        }
    }

    /** Whether the job has its Quartz job (its row was applied by {@code sync.ScheduleSync}). */
    public boolean hasJob(String jobName)
    {
        return call(() -> schedulers.forJob(jobName).checkExists(QuartzKeys.jobKey(jobName)));
    }

    /**
     * Hands a run-now request to the cluster as a one-shot trigger named for the request; false
     * when that trigger exists already (handed over before by a node that died before marking it).
     */
    public boolean requestRun(RunNow request)
    {
        try {
            schedulers.forJob(request.jobName()).scheduleJob(OneShotTriggers.runNow(request.requestId(), request.jobName(), request.scheduledAt(), request.causeSqlName(), request.paramsJson(), clock.instant()));
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

    private interface SchedulerCheck
    {
        boolean test(Scheduler scheduler)
                throws SchedulerException;
    }

    private boolean every(SchedulerCheck check)
    {
        for (Scheduler scheduler : schedulers.all()) {
            if (!call(() -> check.test(scheduler))) {
                return false;
            }
        }
        return true;
    }

    private boolean any(SchedulerCheck check)
    {
        return !every(scheduler -> !check.test(scheduler));
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
