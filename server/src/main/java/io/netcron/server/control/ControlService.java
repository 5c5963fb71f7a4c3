package io.netcron.server.control;

import com.google.inject.Inject;
import io.netcron.server.config.DatabaseConfig;
import io.netcron.server.config.NodeConfig;
import io.netcron.server.config.QuartzConfig;
import io.netcron.server.db.DatabaseLocation;
import io.netcron.server.lifecycle.NamedThreads;
import io.netcron.server.lifecycle.Service;
import io.netcron.server.quartz.ScheduleSync;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Operator control: listens for changes to {@code netcron.job} and for run-now requests, and
 * applies them on dedicated threads ({@code netcron-listen}, {@code netcron-apply},
 * {@code netcron-requests}). Starts after the scheduler, stops before it drains.
 */
public final class ControlService
        implements Service
{
    private final ChangeApplier applier;
    private final RequestWorker requests;
    private final NotificationListener listener;
    private ExecutorService listenThread;
    private ExecutorService applyThread;
    private ExecutorService requestThread;

    @Inject
    public ControlService(ScheduleSync sync, RequestProcessor processor, DatabaseLocation location, DatabaseConfig database, NodeConfig node, QuartzConfig quartz)
    {
        requireNonNull(location, "location is null");
        this.applier = new ChangeApplier(requireNonNull(sync, "sync is null"));
        this.requests = new RequestWorker(requireNonNull(processor, "processor is null"), quartz.reconcileInterval());
        this.listener = new NotificationListener(location, "netcron-listen " + node.nodeId(), database.connectTimeout(), applier, requests);
    }

    @Override
    public void start()
    {
        applyThread = Executors.newSingleThreadExecutor(NamedThreads.daemonThreads("netcron-apply"));
        applyThread.execute(applier);
        requestThread = Executors.newSingleThreadExecutor(NamedThreads.daemonThreads("netcron-requests"));
        requestThread.execute(requests);
        listener.connectNow();
        listenThread = Executors.newSingleThreadExecutor(NamedThreads.daemonThreads("netcron-listen"));
        listenThread.execute(listener);
    }

    @Override
    public void stop()
            throws InterruptedException
    {
        listener.stop();
        for (ExecutorService executor : List.of(listenThread, applyThread, requestThread)) {
            if (executor != null) {
                executor.shutdownNow();
            }
        }
        for (ExecutorService executor : List.of(listenThread, applyThread, requestThread)) {
            if (executor != null) {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }
}
