package io.netcron.server.changes;

import io.netcron.server.quartz.sync.ScheduleSync;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Applies changed jobs to Quartz on its own thread. Notifications are coalesced: each pass takes
 * every name that arrived since the last one and reconciles each once. A job another node is
 * applying at that moment is checked again after {@link #RETRY_DELAY} (the other node may have read
 * the row before the latest change), for up to {@link #MAX_RETRIES} times; the periodic reconcile
 * is the safety net behind that.
 */
final class ChangeApplier
        implements Runnable
{
    private static final Logger log = LoggerFactory.getLogger(ChangeApplier.class);
    static final Duration RETRY_DELAY = Duration.ofMillis(100);
    static final int MAX_RETRIES = 100;

    private final ScheduleSync sync;
    private final Object lock = new Object();
    private final Set<String> pending = new LinkedHashSet<>();
    private boolean everything;

    ChangeApplier(ScheduleSync sync)
    {
        this.sync = requireNonNull(sync, "sync is null");
    }

    void changed(String jobName)
    {
        synchronized (lock) {
            pending.add(jobName);
            lock.notifyAll();
        }
    }

    /** After a (re)connect: notifications may have been missed, so compare every job. */
    void reconcileEverything()
    {
        synchronized (lock) {
            everything = true;
            lock.notifyAll();
        }
    }

    @Override
    public void run()
    {
        Map<String, Integer> busy = new LinkedHashMap<>();
        while (!Thread.currentThread().isInterrupted()) {
            List<String> names;
            boolean all;
            synchronized (lock) {
                try {
                    if (pending.isEmpty() && !everything) {
                        lock.wait(busy.isEmpty() ? 0 : RETRY_DELAY.toMillis());
                    }
                }
                catch (InterruptedException e) {
                    return;
                }
                names = new ArrayList<>(pending);
                pending.clear();
                all = everything;
                everything = false;
            }
            if (all) {
                try {
                    sync.reconcileAll();
                }
                catch (RuntimeException e) {
                    log.warn("Reconcile after (re)connect failed: {}", e.getMessage());
                }
            }
            Set<String> batch = new LinkedHashSet<>(names);
            batch.addAll(busy.keySet());
            if (batch.size() > 1) {
                log.debug("Applying {} changed jobs ({} notified, {} rechecked)", batch.size(), names.size(), busy.size());
            }
            Set<String> stillBusy = sync.reconcile(batch);
            busy.keySet().retainAll(stillBusy);
            for (String name : stillBusy) {
                if (busy.merge(name, 1, Integer::sum) > MAX_RETRIES) {
                    busy.remove(name);
                    log.info("Job {} stayed locked by another node for {}; left to the periodic reconcile", name, RETRY_DELAY.multipliedBy(MAX_RETRIES));
                }
            }
        }
    }
}
