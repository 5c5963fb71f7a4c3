package io.netcron.server.requests;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Handles run-now requests on its own thread: when notified, at start, and every
 * {@code sweepInterval} (a notification may have been missed); sooner when a request had to wait
 * for its job to reach the scheduler.
 */
final class RequestWorker
        implements Runnable
{
    private static final Logger log = LoggerFactory.getLogger(RequestWorker.class);
    static final Duration PENDING_RECHECK = Duration.ofMillis(250);

    private final RequestProcessor processor;
    private final Duration sweepInterval;
    private final Object lock = new Object();
    private boolean signalled = true;

    RequestWorker(RequestProcessor processor, Duration sweepInterval)
    {
        this.processor = requireNonNull(processor, "processor is null");
        this.sweepInterval = requireNonNull(sweepInterval, "sweepInterval is null");
    }

    void wake()
    {
        synchronized (lock) {
            signalled = true;
            lock.notifyAll();
        }
    }

    @Override
    public void run()
    {
        Duration wait = sweepInterval;
        while (!Thread.currentThread().isInterrupted()) {
            synchronized (lock) {
                try {
                    if (!signalled) {
                        lock.wait(wait.toMillis());
                    }
                }
                catch (InterruptedException e) {
                    return;
                }
                signalled = false;
            }
            try {
                RequestProcessor.Pass pass = processor.processPending();
                wait = pass.leftPending() > 0 ? PENDING_RECHECK : sweepInterval;
            }
            catch (RuntimeException e) {
                log.warn("Handling run-now requests failed: {}", e.getMessage());
                wait = sweepInterval;
            }
        }
    }
}
