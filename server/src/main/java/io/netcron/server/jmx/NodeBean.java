package io.netcron.server.jmx;

import com.google.inject.Inject;
import com.google.inject.Provider;
import io.netcron.server.catalog.JobCatalog;
import io.netcron.server.catalog.JobType;
import io.netcron.server.config.NodeConfig;
import io.netcron.server.lifecycle.BestEffort;
import io.netcron.server.node.LocalScheduler;
import io.netcron.server.node.NodeRegistry;
import io.netcron.server.quartz.QuartzService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Date;

import static java.util.Objects.requireNonNull;

public final class NodeBean
        implements NodeMXBean
{
    private static final Logger log = LoggerFactory.getLogger(NodeBean.class);

    private final LocalScheduler scheduler;
    private final NodeRegistry node;
    private final NodeConfig config;
    private final JobCatalog catalog;
    private final Provider<QuartzService> quartz;

    @Inject
    public NodeBean(LocalScheduler scheduler, NodeRegistry node, NodeConfig config, JobCatalog catalog, Provider<QuartzService> quartz)
    {
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.node = requireNonNull(node, "node is null");
        this.config = requireNonNull(config, "config is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.quartz = requireNonNull(quartz, "quartz is null");
    }

    @Override
    public String getNodeId()
    {
        return config.nodeId();
    }

    @Override
    public String getVersion()
    {
        return NodeRegistry.VERSION;
    }

    @Override
    public Date getStartedAt()
    {
        try {
            return scheduler.runningSince().map(Date::from).orElse(null);
        }
        catch (LocalScheduler.LocalSchedulerException e) {
            return null;
        }
    }

    @Override
    public String getState()
    {
        try {
            if (scheduler.isShutdown()) {
                return "stopped";
            }
            if (!scheduler.isStarted()) {
                return "starting";
            }
            return scheduler.isInStandbyMode() ? "standby" : "active";
        }
        catch (LocalScheduler.LocalSchedulerException e) {
            return "unknown: " + e.getMessage();
        }
    }

    @Override
    public boolean isStandby()
    {
        return !getState().equals("active");
    }

    @Override
    public int getThreadsBusy()
    {
        try {
            return scheduler.executing().size();
        }
        catch (LocalScheduler.LocalSchedulerException e) {
            return -1;
        }
    }

    @Override
    public int getThreadsTotal()
    {
        return config.threads();
    }

    @Override
    public Integer getClockOffsetMillis()
    {
        return node.clockOffsetMillis();
    }

    @Override
    public String[] getJobsDiscovered()
    {
        return catalog.types().stream().map(JobType::name).sorted().toArray(String[]::new);
    }

    @Override
    public String[] getUnknownJobs()
    {
        return node.unknownJobs().toArray(String[]::new);
    }

    @Override
    public synchronized String drain()
    {
        try {
            if (!scheduler.isStarted() || scheduler.isShutdown()) {
                throw new IllegalStateException("node " + config.nodeId() + " is " + getState() + "; nothing to drain");
            }
            log.info("Drain requested over JMX by {}", JobOperations.principal());
            quartz().drain(config.shutdownGrace());
        }
        catch (LocalScheduler.LocalSchedulerException e) {
            throw new IllegalStateException("drain failed: " + e.getMessage());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("drain interrupted");
        }
        int left = getThreadsBusy();
        BestEffort.run(log, () -> node.setState("standby"));
        log.info("Node {} is in standby (drained over JMX); {} runs still going", config.nodeId(), left);
        return "node " + config.nodeId() + " is in standby: no new runs until resume(); runs still going: " + left;
    }

    @Override
    public synchronized String resume()
    {
        try {
            if (!scheduler.isStarted() || scheduler.isShutdown()) {
                throw new IllegalStateException("node " + config.nodeId() + " is " + getState() + "; cannot resume");
            }
            if (!scheduler.isInStandbyMode()) {
                return "node " + config.nodeId() + " is already active";
            }
            scheduler.start();
        }
        catch (LocalScheduler.LocalSchedulerException e) {
            throw new IllegalStateException("resume failed: " + e.getMessage());
        }
        BestEffort.run(log, () -> node.setState("active"));
        log.info("Node {} resumed over JMX by {}", config.nodeId(), JobOperations.principal());
        return "node " + config.nodeId() + " is active again";
    }

    // lazily: this bean is itself part of a service started before the scheduler service
    private QuartzService quartz()
    {
        return quartz.get();
    }
}
