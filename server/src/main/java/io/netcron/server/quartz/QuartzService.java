package io.netcron.server.quartz;

import com.google.inject.Inject;
import io.netcron.server.config.NodeConfig;
import io.netcron.server.config.QuartzConfig;
import io.netcron.server.lifecycle.BestEffort;
import io.netcron.server.lifecycle.PeriodicTask;
import io.netcron.server.lifecycle.Service;
import io.netcron.server.node.LocalScheduler;
import io.netcron.server.node.NodeRegistry;
import io.netcron.server.quartz.firing.QuartzLocalScheduler;
import io.netcron.server.quartz.store.QuartzSchedulerFactory;
import io.netcron.server.quartz.store.SchedulerPartitions;
import io.netcron.server.quartz.sync.ScheduleSync;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Brings Quartz up after the job table is in shape, keeps it in line with the table, and drains
 * it on stop: standby (no new acquisitions), wait for running jobs up to the grace period, then
 * interrupt what is left.
 */
public final class QuartzService
        implements Service
{
    private static final Logger log = LoggerFactory.getLogger(QuartzService.class);
    private static final Duration INTERRUPT_WAIT = Duration.ofSeconds(5);

    private final SchedulerPartitions schedulers;
    private final LocalScheduler local;
    private final ScheduleSync sync;
    private final NodeRegistry node;
    private final QuartzConfig quartz;
    private final NodeConfig nodeConfig;
    private PeriodicTask reconciler;

    @Inject
    public QuartzService(SchedulerPartitions schedulers, QuartzLocalScheduler local, ScheduleSync sync, NodeRegistry node, QuartzConfig quartz, NodeConfig nodeConfig)
    {
        this.schedulers = requireNonNull(schedulers, "schedulers is null");
        this.local = requireNonNull(local, "local is null");
        this.sync = requireNonNull(sync, "sync is null");
        this.node = requireNonNull(node, "node is null");
        this.quartz = requireNonNull(quartz, "quartz is null");
        this.nodeConfig = requireNonNull(nodeConfig, "nodeConfig is null");
    }

    @Override
    public void start()
    {
        sync.insertDiscoveredDefaults();
        sync.reconcileAll();
        local.start();
        node.setState("active");
        reconciler = PeriodicTask.every(quartz.reconcileInterval(), "netcron-reconcile", log, "Periodic reconcile", sync::reconcileAll);
        log.info("Node {} is active in cluster '{}' with {} worker threads and {} partition(s)", nodeConfig.nodeId(), quartz.schedulerName(), nodeConfig.threads(), schedulers.count());
    }

    @Override
    public void stop()
            throws SchedulerException, InterruptedException
    {
        if (reconciler != null) {
            reconciler.close();
        }
        drain(nodeConfig.shutdownGrace());
        for (Scheduler scheduler : schedulers.all()) {
            scheduler.shutdown(false);
        }
        log.info("Scheduler stopped");
    }

    /**
     * Stops acquiring (every partition), then waits for running jobs up to {@code grace}, then
     * interrupts them. A scheduler failure is a {@link LocalScheduler.LocalSchedulerException}.
     */
    public void drain(Duration grace)
            throws InterruptedException
    {
        if (!local.isStarted() || local.isShutdown()) {
            return;
        }
        local.standby();
        BestEffort.run(log, () -> node.setState("draining"));
        // triggers acquired just before standby still fire within the idle wait; let them start
        Thread.sleep(QuartzSchedulerFactory.IDLE_WAIT_MILLIS + 200);
        long deadline = System.nanoTime() + grace.toNanos();
        List<LocalScheduler.Firing> running = local.executing();
        if (!running.isEmpty()) {
            log.info("Draining: waiting up to {} for {} running jobs", grace, running.size());
        }
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            running = local.executing();
        }
        if (!running.isEmpty()) {
            log.warn("Grace period over: interrupting {} running jobs", running.size());
            for (LocalScheduler.Firing firing : running) {
                local.interrupt(firing.fireInstanceId());
            }
            long interruptDeadline = System.nanoTime() + INTERRUPT_WAIT.toNanos();
            while (!local.executing().isEmpty() && System.nanoTime() < interruptDeadline) {
                Thread.sleep(100);
            }
        }
    }
}
