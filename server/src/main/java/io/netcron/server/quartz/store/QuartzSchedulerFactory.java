package io.netcron.server.quartz.store;

import io.netcron.server.config.NodeConfig;
import io.netcron.server.config.QuartzConfig;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.spi.JobFactory;
import org.quartz.utils.DBConnectionManager;

import javax.sql.DataSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place that speaks Quartz's string-typed properties: a clustered JDBC job store on
 * PostgreSQL, triggers acquired under the lock (Quartz issue #107: otherwise two nodes can fire
 * the same trigger), the node's pool as connection provider.
 */
public final class QuartzSchedulerFactory
{
    /** Short, so a trigger added on another node is seen within about a second. */
    public static final long IDLE_WAIT_MILLIS = 1_000;
    static final long DB_RETRY_MILLIS = 1_000;
    private static final AtomicInteger REGISTRY_COUNTER = new AtomicInteger();

    private QuartzSchedulerFactory() {}

    /** The node's schedulers, one per partition ({@code quartz.partitions}), sharing the node's worker threads. */
    public static SchedulerPartitions create(QuartzConfig quartz, NodeConfig node, DataSource dataSource, JobFactory jobFactory, boolean exportMBean)
            throws SchedulerException
    {
        // DBConnectionManager and the worker registry are global: unique names per node instance
        int instance = REGISTRY_COUNTER.incrementAndGet();
        String dataSourceName = "netcron-" + instance;
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, new PooledConnectionProvider(dataSource));
        String workers = SharedThreadPool.register("netcron-workers-" + instance, node.threads());
        List<Scheduler> schedulers = new ArrayList<>();
        for (int index = 0; index < quartz.partitions(); index++) {
            schedulers.add(create(quartz.schedulerName(index), quartz, node, dataSourceName, workers, jobFactory, exportMBean));
        }
        return new SchedulerPartitions(schedulers);
    }

    private static Scheduler create(String schedulerName, QuartzConfig quartz, NodeConfig node, String dataSourceName, String workers, JobFactory jobFactory, boolean exportMBean)
            throws SchedulerException
    {
        Properties properties = new Properties();
        properties.setProperty("org.quartz.scheduler.instanceName", schedulerName);
        properties.setProperty("org.quartz.scheduler.instanceId", node.nodeId());
        properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        properties.setProperty("org.quartz.scheduler.jmx.export", Boolean.toString(exportMBean));
        properties.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        properties.setProperty("org.quartz.scheduler.idleWaitTime", Long.toString(IDLE_WAIT_MILLIS));
        properties.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", Integer.toString(Math.min(quartz.batchSize(), node.threads())));
        properties.setProperty("org.quartz.threadPool.class", SharedThreadPool.class.getName());
        properties.setProperty("org.quartz.threadPool.workers", workers);
        properties.setProperty("org.quartz.jobStore.class", ClusteredJobStore.class.getName());
        properties.setProperty("org.quartz.jobStore.driverDelegateClass", ReadAheadDelegate.class.getName());
        // netcron's one custom trigger type: 5-field crons that restrict both day of month and day of week
        properties.setProperty("org.quartz.jobStore.driverDelegateInitString", "triggerPersistenceDelegateClasses=" + UnionCronTriggerPersistence.class.getName());
        properties.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
        properties.setProperty("org.quartz.jobStore.tablePrefix", "netcron.qrtz_");
        properties.setProperty("org.quartz.jobStore.isClustered", "true");
        properties.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(quartz.checkinInterval().toMillis()));
        properties.setProperty("org.quartz.jobStore.failureSlackMillis", Long.toString(quartz.failureSlack().toMillis()));
        properties.setProperty("org.quartz.jobStore.nodeSilenceMillis", Long.toString(node.leaseSilence().toMillis()));
        // after a lost connection, retry within a second: Quartz's 15 s default would let the other
        // nodes declare this (live) node dead and run its jobs a second time
        properties.setProperty("org.quartz.jobStore.dbRetryInterval", Long.toString(DB_RETRY_MILLIS));
        properties.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        properties.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(quartz.misfireThreshold().toMillis()));
        properties.setProperty("org.quartz.jobStore.useProperties", "true");

        StdSchedulerFactory factory = new StdSchedulerFactory(properties);
        Scheduler scheduler = factory.getScheduler();
        scheduler.setJobFactory(jobFactory);
        return scheduler;
    }
}
