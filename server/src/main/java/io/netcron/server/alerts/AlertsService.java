package io.netcron.server.alerts;

import io.netcron.server.config.AlertsConfig;
import io.netcron.server.config.HistoryConfig;
import io.netcron.server.lifecycle.PeriodicTask;
import io.netcron.server.lifecycle.Service;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Every {@code alerts.poll-interval}, reports lost nodes and delivers what is due in the outbox
 * (every node does; rows are claimed). Hourly, trims done outbox rows older than {@code history.max-age}, like the run history.
 */
public final class AlertsService
        implements Service
{
    private static final Logger log = LoggerFactory.getLogger(AlertsService.class);
    private static final Duration PRUNE_INTERVAL = Duration.ofHours(1);

    private final AlertDispatcher dispatcher;
    private final NodeLossDetector nodeLoss;
    private final AlertsConfig config;
    private final HistoryConfig history;
    private PeriodicTask task;
    private PeriodicTask pruning;

    @Inject
    public AlertsService(AlertDispatcher dispatcher, NodeLossDetector nodeLoss, AlertsConfig config, HistoryConfig history)
    {
        this.dispatcher = requireNonNull(dispatcher, "dispatcher is null");
        this.nodeLoss = requireNonNull(nodeLoss, "nodeLoss is null");
        this.config = requireNonNull(config, "config is null");
        this.history = requireNonNull(history, "history is null");
    }

    @Override
    public synchronized void start()
    {
        if (!config.enabled()) {
            log.info("Alerts are off on this node (alerts.enabled = false); other nodes still deliver them");
            return;
        }
        task = PeriodicTask.every(config.pollInterval(), "netcron-alerts", log, "Delivering alerts", () -> {
            nodeLoss.detect();
            dispatcher.deliverPending();
        });
        pruning = PeriodicTask.every(PRUNE_INTERVAL, "netcron-alerts-prune", log, "Trimming the alert outbox", () -> {
            int deleted = dispatcher.prune(history.maxAge());
            if (deleted > 0) {
                log.info("Trimmed {} alert outbox rows older than {}", deleted, history.maxAge());
            }
        });
    }

    @Override
    public synchronized void stop()
    {
        if (task != null) {
            task.close();
            pruning.close();
            task = null;
            pruning = null;
        }
    }
}
