package io.netcron.server.node;

import com.google.inject.Inject;
import io.netcron.server.catalog.JobCatalog;
import io.netcron.server.catalog.JobType;
import io.netcron.server.config.NodeConfig;
import io.netcron.server.lifecycle.PeriodicTask;
import io.netcron.server.lifecycle.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


import static java.util.Objects.requireNonNull;

/** Registers the node and keeps its heartbeat (and clock offset) current. */
public final class NodeService
        implements Service
{
    private static final Logger log = LoggerFactory.getLogger(NodeService.class);

    private final NodeRegistry registry;
    private final JobCatalog catalog;
    private final NodeConfig config;
    private PeriodicTask heartbeat;

    @Inject
    public NodeService(NodeRegistry registry, JobCatalog catalog, NodeConfig config)
    {
        this.registry = requireNonNull(registry, "registry is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    public void start()
    {
        registry.register(catalog.types().stream().map(JobType::name).toList(), catalog.types().stream().map(JobType::implementation).toList());
        heartbeat = PeriodicTask.every(config.heartbeatInterval(), "netcron-heartbeat", log, "Heartbeat", registry::heartbeat);
    }

    @Override
    public void stop()
    {
        if (heartbeat != null) {
            heartbeat.close();
        }
        try {
            registry.setState("stopped");
        }
        catch (RuntimeException e) {
            log.warn("Could not mark node stopped: {}", e.getMessage());
        }
    }
}
