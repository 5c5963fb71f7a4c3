package io.netcron.server.quartz;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.name.Named;
import io.netcron.server.config.JmxConfig;
import io.netcron.server.config.NodeConfig;
import io.netcron.server.config.QuartzConfig;
import io.netcron.server.execution.RunListener;
import io.netcron.server.lifecycle.Service;
import io.netcron.server.node.LocalScheduler;
import io.netcron.server.quartz.firing.QuartzLocalScheduler;
import io.netcron.server.quartz.firing.RetryScheduler;
import io.netcron.server.quartz.misfire.CatchUpService;
import io.netcron.server.quartz.store.GuiceJobFactory;
import io.netcron.server.quartz.store.QuartzSchedulerFactory;
import io.netcron.server.quartz.store.SchedulerPartitions;
import io.netcron.server.quartz.sync.JobStateRefresh;
import io.netcron.server.quartz.sync.ScheduleSync;
import io.netcron.server.quartz.sync.StuckTriggerRepair;
import org.quartz.SchedulerException;

import javax.sql.DataSource;

public final class QuartzModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        bind(ScheduleSync.class).in(Scopes.SINGLETON);
        bind(GuiceJobFactory.class).in(Scopes.SINGLETON);
        bind(CatchUpService.class).in(Scopes.SINGLETON);
        bind(QuartzService.class).in(Scopes.SINGLETON);
        bind(QuartzLocalScheduler.class).in(Scopes.SINGLETON);
        bind(LocalScheduler.class).to(QuartzLocalScheduler.class);
        Multibinder<Service> services = Multibinder.newSetBinder(binder(), Service.class);
        // before QuartzService: the misfire listener must be in place when the scheduler starts
        services.addBinding().to(CatchUpService.class);
        services.addBinding().to(QuartzService.class);
        services.addBinding().to(StuckTriggerRepair.class).in(Scopes.SINGLETON);
        services.addBinding().to(JobStateRefresh.class).in(Scopes.SINGLETON);
        Multibinder<RunListener> listeners = Multibinder.newSetBinder(binder(), RunListener.class);
        listeners.addBinding().to(RetryScheduler.class).in(Scopes.SINGLETON);
        listeners.addBinding().to(CatchUpService.class);
    }

    @Provides
    @Singleton
    SchedulerPartitions schedulers(QuartzConfig quartz, NodeConfig node, JmxConfig jmx, @Named("quartz") DataSource dataSource, GuiceJobFactory jobFactory)
            throws SchedulerException
    {
        return QuartzSchedulerFactory.create(quartz, node, dataSource, jobFactory, jmx.quartzMBean());
    }
}
