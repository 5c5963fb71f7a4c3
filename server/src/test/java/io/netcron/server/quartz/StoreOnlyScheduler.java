package io.netcron.server.quartz;

import io.netcron.server.config.NetcronConfig;
import io.netcron.server.db.Database;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.simpl.SimpleJobFactory;

/** netcron's Quartz store on a test database, never started: triggers are stored and loaded, none fires. */
final class StoreOnlyScheduler
{
    private StoreOnlyScheduler() {}

    static Scheduler create(Database database, NetcronConfig config)
            throws SchedulerException
    {
        return QuartzSchedulerFactory.create(config.quartz(), config.node(), database.dataSource(), new SimpleJobFactory(), false);
    }

    /** A durable job under netcron's key for {@code name}, doing nothing (it never runs here). */
    static JobDetail durableJob(String name)
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
