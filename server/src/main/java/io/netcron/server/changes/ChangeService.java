package io.netcron.server.changes;

import com.google.inject.Inject;
import io.netcron.server.config.DatabaseConfig;
import io.netcron.server.config.NodeConfig;
import io.netcron.server.db.DatabaseLocation;
import io.netcron.server.lifecycle.NamedThreads;
import io.netcron.server.lifecycle.Service;
import io.netcron.server.quartz.sync.ScheduleSync;
import io.netcron.server.requests.RequestService;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Change propagation: listens for changes to {@code netcron.job} and applies them to this node's
 * scheduler on dedicated threads ({@code netcron-listen}, {@code netcron-apply}); a run-now
 * request heard on the same connection wakes the {@link RequestService}. Starts after the
 * scheduler, stops before it drains.
 */
public final class ChangeService
        implements Service
{
    private final ChangeApplier applier;
    private final NotificationListener listener;
    private ExecutorService listenThread;
    private ExecutorService applyThread;

    @Inject
    public ChangeService(ScheduleSync sync, RequestService requests, DatabaseLocation location, DatabaseConfig database, NodeConfig node)
    {
        requireNonNull(location, "location is null");
        this.applier = new ChangeApplier(requireNonNull(sync, "sync is null"));
        this.listener = new NotificationListener(location, "netcron-listen " + node.nodeId(), database.connectTimeout(), applier, requireNonNull(requests, "requests is null"));
    }

    @Override
    public void start()
    {
        applyThread = Executors.newSingleThreadExecutor(NamedThreads.daemonThreads("netcron-apply"));
        applyThread.execute(applier);
        listener.connectNow();
        listenThread = Executors.newSingleThreadExecutor(NamedThreads.daemonThreads("netcron-listen"));
        listenThread.execute(listener);
    }

    @Override
    public void stop()
            throws InterruptedException
    {
        listener.stop();
        for (ExecutorService executor : List.of(listenThread, applyThread)) {
            if (executor != null) {
                executor.shutdownNow();
            }
        }
        for (ExecutorService executor : List.of(listenThread, applyThread)) {
            if (executor != null) {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }
}
