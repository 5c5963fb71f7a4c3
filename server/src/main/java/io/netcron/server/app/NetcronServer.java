package io.netcron.server.app;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netcron.server.catalog.JobCatalog;
import io.netcron.server.catalog.JobDiscovery;
import io.netcron.server.script.ScriptDiscovery;
import io.netcron.server.alerts.AlertsModule;
import io.netcron.server.errors.UserException;
import io.netcron.server.changes.ChangeModule;
import io.netcron.server.config.NetcronConfig;
import io.netcron.server.db.DataSources;
import io.netcron.server.db.DatabaseLocator;
import io.netcron.server.db.DatabaseModule;
import io.netcron.server.db.Migrations;
import io.netcron.server.execution.ExecutionModule;
import io.netcron.server.history.HistoryModule;
import io.netcron.server.jobtable.JobTableModule;
import io.netcron.server.execution.RecordingModule;
import io.netcron.server.isolation.IsolationModule;
import io.netcron.server.script.ScriptModule;
import io.netcron.server.http.HttpModule;
import io.netcron.server.jmx.JmxModule;
import io.netcron.server.lifecycle.ClockModule;
import io.netcron.server.lifecycle.LifeCycleManager;
import io.netcron.server.lifecycle.Service;
import io.netcron.server.metrics.MetricsModule;
import io.netcron.server.metrics.MetricsRegistries;
import io.netcron.server.node.LeaseModule;
import io.netcron.server.node.NodeLease;
import io.netcron.server.node.NodeModule;
import io.netcron.server.quartz.QuartzModule;
import io.netcron.server.requests.RequestModule;
import io.netcron.server.runtime.JobRuntimeModules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A running node: database located and migrated, jobs discovered, one Guice module per
 * subsystem, services started in order and stopped in reverse.
 */
public final class NetcronServer
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(NetcronServer.class);

    private final LifeCycleManager lifecycle;
    private final Injector injector;

    private NetcronServer(LifeCycleManager lifecycle, Injector injector)
    {
        this.lifecycle = requireNonNull(lifecycle, "lifecycle is null");
        this.injector = requireNonNull(injector, "injector is null");
    }

    public static NetcronServer start(NetcronConfig config)
            throws Exception
    {
        log.info("Starting netcron node {} (config: {})", config.node().nodeId(), config.settings().source());
        config.settings().describe().forEach((key, value) -> log.info("  {} = {}", key, value));
        LifeCycleManager lifecycle = new LifeCycleManager();
        try {
            DatabaseLocator.Located database = DatabaseLocator.locate(config.database(), config.node(), true);
            lifecycle.closeOnStop("database", database.closer());
            int minimumPool = DataSources.minimumPoolSize(config.node().threads());
            if (config.database().poolSize() < minimumPool) {
                throw new UserException("db.pool-size " + config.database().poolSize() + " is too small for " + config.node().threads()
                        + " worker threads: runs record their start, progress and end on the pool; set db.pool-size to at least " + minimumPool + " or lower threads");
            }
            HikariDataSource dataSource = DataSources.create(database.location(), config.database(), "netcron-pool", "netcron-node " + config.node().nodeId());
            lifecycle.closeOnStop("connection pool", dataSource);
            // Quartz's own pool: its check-ins never wait behind job bookkeeping, and its sessions have no lock timeout
            HikariDataSource quartzDataSource = DataSources.createForQuartz(database.location(), config.database(), config.quartz().misfireThreshold(), DataSources.quartzPoolSize(config.node().threads(), config.quartz().partitions()),
                    "netcron-quartz", "netcron-quartz " + config.node().nodeId());
            lifecycle.closeOnStop("Quartz connection pool", quartzDataSource);
            // made before the injector so the pool reports into it (hikaricp_* meters)
            PrometheusMeterRegistry metrics = MetricsRegistries.create(config.node().nodeId());
            dataSource.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics));
            quartzDataSource.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics));
            Migrations.migrate(dataSource);
            // before anything writes this node's row: a second process with the same node id stops here
            NodeLease lease = NodeLease.acquire(database.location(), config.node().nodeId());
            lifecycle.closeOnStop("node lease", lease);
            JobCatalog catalog = JobDiscovery.discover(config.node().pluginDirectory()).plus(ScriptDiscovery.discover(config.scripts().directory()).types());

            Injector injector = Guice.createInjector(Stage.PRODUCTION, modules(config, new DatabaseModule(dataSource, database.location(), quartzDataSource), new LeaseModule(lease), catalog, metrics));
            for (Service service : injector.getInstance(Key.get(new TypeLiteral<Set<Service>>() {}))) {
                lifecycle.start(service);
            }
            return new NetcronServer(lifecycle, injector);
        }
        catch (Exception | Error e) {
            lifecycle.stop();
            throw e;
        }
    }

    /**
     * The subsystems, in start order (services stop in reverse). The management port starts before
     * the scheduler and stops after it, so readiness reports "starting" and "draining" truthfully.
     */
    static List<Module> modules(NetcronConfig config, DatabaseModule database, LeaseModule lease, JobCatalog catalog, PrometheusMeterRegistry metrics)
    {
        List<Module> modules = new ArrayList<>(JobRuntimeModules.of(config, catalog));
        modules.add(new ClockModule());
        modules.add(database);
        modules.add(new HistoryModule());
        modules.add(new JobTableModule());
        modules.add(new RecordingModule());
        modules.add(new ExecutionModule());
        modules.add(new IsolationModule());
        modules.add(new ScriptModule());
        modules.add(new MetricsModule(metrics));
        modules.add(new HttpModule());
        modules.add(new NodeModule());
        modules.add(lease);
        modules.add(new QuartzModule());
        modules.add(new JmxModule());
        modules.add(new RequestModule());
        modules.add(new ChangeModule());
        modules.add(new AlertsModule());
        return modules;
    }

    public Injector injector()
    {
        return injector;
    }

    /** Drains and stops; safe to call twice (the shutdown hook and a test may both call it). */
    @Override
    public void close()
    {
        lifecycle.stop();
    }
}
