package io.netcron.server.requests;

import com.google.inject.Inject;
import io.netcron.server.config.QuartzConfig;
import io.netcron.server.lifecycle.NamedThreads;
import io.netcron.server.lifecycle.Service;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Handles run-now requests on a dedicated thread ({@code netcron-requests}): at start, when
 * {@link #wake() woken} (a {@code netcron_request} notification, see
 * {@code changes.NotificationListener}), and every {@code quartz.reconcile-interval} in case a
 * notification was missed. Starts after the scheduler, stops before it drains.
 */
public final class RequestService
        implements Service
{
    private final RequestWorker worker;
    private ExecutorService thread;

    @Inject
    public RequestService(RequestProcessor processor, QuartzConfig quartz)
    {
        this.worker = new RequestWorker(requireNonNull(processor, "processor is null"), quartz.reconcileInterval());
    }

    /** A request may be waiting: handle the pending ones now rather than at the next sweep. */
    public void wake()
    {
        worker.wake();
    }

    @Override
    public void start()
    {
        thread = Executors.newSingleThreadExecutor(NamedThreads.daemonThreads("netcron-requests"));
        thread.execute(worker);
    }

    @Override
    public void stop()
            throws InterruptedException
    {
        if (thread != null) {
            thread.shutdownNow();
            thread.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
