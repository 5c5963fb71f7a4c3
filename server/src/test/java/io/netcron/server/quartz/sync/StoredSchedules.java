package io.netcron.server.quartz.sync;

import io.netcron.server.catalog.JobDiscovery;
import io.netcron.server.config.NetcronConfig;
import io.netcron.server.config.Settings;
import io.netcron.server.db.Database;
import io.netcron.server.jobtable.JobRepository;
import io.netcron.server.node.NodeRegistry;
import io.netcron.server.quartz.store.QuartzSchedulerFactory;
import io.netcron.server.quartz.store.SchedulerPartitions;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.simpl.SimpleJobFactory;

import java.util.Map;
import java.util.Optional;

/** A node's partitions and its ScheduleSync on a test database, never started: triggers are stored and changed, none fires. */
record StoredSchedules(SchedulerPartitions schedulers, ScheduleSync sync)
{
    static StoredSchedules create(Database database, String nodeId, int partitions)
            throws SchedulerException
    {
        NetcronConfig config = NetcronConfig.fromSettings(Settings.of(Map.of("node.id", nodeId, "quartz.partitions", Integer.toString(partitions))));
        SchedulerPartitions schedulers = QuartzSchedulerFactory.create(config.quartz(), config.node(), database.dataSource(), new SimpleJobFactory(), false);
        ScheduleSync sync = new ScheduleSync(schedulers, database, new JobRepository(database), JobDiscovery.discover(Optional.empty()), new NodeRegistry(database, config.node(), config.quartz()));
        return new StoredSchedules(schedulers, sync);
    }

    /** Quartz keeps schedulers in a global registry by name: shut them down so other test classes can make theirs. */
    void shutdown()
            throws SchedulerException
    {
        for (Scheduler scheduler : schedulers.all()) {
            scheduler.shutdown(false);
        }
    }
}
