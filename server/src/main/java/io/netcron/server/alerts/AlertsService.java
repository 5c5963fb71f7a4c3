package io.netcron.server.alerts;

import io.netcron.server.config.AlertsConfig;
import io.netcron.server.lifecycle.PeriodicTask;
import io.netcron.server.lifecycle.Service;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.util.Objects.requireNonNull;

/** Every {@code alerts.poll-interval}, delivers what is due in the outbox (every node does; rows are claimed). */
public final class AlertsService
        implements Service
{
    private static final Logger log = LoggerFactory.getLogger(AlertsService.class);

    private final AlertDispatcher dispatcher;
    private final AlertsConfig config;
    private PeriodicTask task;

    @Inject
    public AlertsService(AlertDispatcher dispatcher, AlertsConfig config)
    {
        this.dispatcher = requireNonNull(dispatcher, "dispatcher is null");
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    public synchronized void start()
    {
        if (!config.enabled()) {
            log.info("Alerts are off on this node (alerts.enabled = false); other nodes still deliver them");
            return;
        }
        task = PeriodicTask.every(config.pollInterval(), "netcron-alerts", log, "Delivering alerts", dispatcher::deliverPending);
    }

    @Override
    public synchronized void stop()
    {
        if (task != null) {
            task.close();
            task = null;
        }
    }
}
