package io.netcron.server.quartz.store;

import io.netcron.server.config.NetcronConfig;
import io.netcron.server.db.Database;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import io.netcron.server.config.QuartzConfig;
import org.quartz.SchedulerException;
import org.quartz.simpl.SimpleJobFactory;

/** netcron's Quartz store on a test database, never started: triggers are stored and loaded, none fires. */
public final class StoreOnlyScheduler
{
    private StoreOnlyScheduler() {}

    /** One partition (the cluster's scheduler name): the tests store and read their triggers there. */
    public static Scheduler create(Database database, NetcronConfig config)
            throws SchedulerException
    {
        return QuartzSchedulerFactory.create(onePartition(config.quartz()), config.node(), database.dataSource(), new SimpleJobFactory(), false).first();
    }

    public static QuartzConfig onePartition(QuartzConfig quartz)
    {
        return new QuartzConfig(quartz.schedulerName(), quartz.checkinInterval(), quartz.misfireThreshold(), quartz.batchSize(), quartz.reconcileInterval(),
                quartz.failureSlack(), quartz.catchUpMax(), quartz.maxRetryDelay(), quartz.stuckTriggerCheck(), 1);
    }

    /** A durable job under netcron's key for {@code name}, doing nothing (it never runs here). */
    public static JobDetail durableJob(String name)
    {
        return JobBuilder.newJob(NoOp.class).withIdentity(QuartzKeys.jobKey(name)).storeDurably().build();
    }

    public static final class NoOp
            implements Job
    {
        @Override
        public void execute(JobExecutionContext context) {}
    }
}
