package io.netcron.server.quartz.store;

import com.google.inject.Inject;
import com.google.inject.Injector;
import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;

import static java.util.Objects.requireNonNull;

/** Quartz asks Guice for its job objects, so they get their collaborators by constructor. */
public final class GuiceJobFactory
        implements JobFactory
{
    private final Injector injector;

    @Inject
    GuiceJobFactory(Injector injector)
    {
        this.injector = requireNonNull(injector, "injector is null");
    }

    @Override
    public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler)
            throws SchedulerException
    {
        try {
            return injector.getInstance(bundle.getJobDetail().getJobClass());
        }
        catch (RuntimeException e) {
            throw new SchedulerException("cannot create " + bundle.getJobDetail().getJobClass().getName(), e);
        }
    }
}
