package io.netcron.server.metrics;

import com.google.inject.Inject;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.netcron.server.execution.OwnRuns;
import io.netcron.server.lifecycle.Service;
import io.netcron.server.node.LeaseGuard;
import io.netcron.server.node.LocalScheduler;
import io.netcron.server.node.NodeRegistry;

import static java.util.Objects.requireNonNull;

/** Gauges read on each scrape (worker threads, clock offset, standby) and the JVM basics. */
public final class MetricsService
        implements Service
{
    private final MeterRegistry registry;
    private final LocalScheduler scheduler;
    private final NodeRegistry node;
    private final OwnRuns own;
    private final LeaseGuard lease;
    private JvmGcMetrics gcMetrics;

    @Inject
    public MetricsService(MeterRegistry registry, LocalScheduler scheduler, NodeRegistry node, OwnRuns own, LeaseGuard lease)
    {
        this.own = requireNonNull(own, "own is null");
        this.lease = requireNonNull(lease, "lease is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.node = requireNonNull(node, "node is null");
    }

    @Override
    public void start()
    {
        Gauge.builder("netcron.worker.threads.busy", scheduler, MetricsService::busyThreads)
                .description("Worker threads running a job on this node")
                .strongReference(true)
                .register(registry);
        Gauge.builder("netcron.worker.threads", scheduler, MetricsService::totalThreads)
                .description("Worker threads of this node")
                .strongReference(true)
                .register(registry);
        Gauge.builder("netcron.node.standby", scheduler, MetricsService::standby)
                .description("1 while this node acquires no new firings (starting, drained or stopping), else 0")
                .strongReference(true)
                .register(registry);
        Gauge.builder("netcron.node.clock.offset", node, MetricsService::clockOffsetSeconds)
                .description("This node's clock minus the database's, measured at each heartbeat")
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);

        Gauge.builder("netcron.node.lease.held", lease, guard -> guard.leaseHeld() ? 1 : 0)
                .description("1 while this node holds its lease (a PostgreSQL session advisory lock); 0 while it has lost it and its runs are stopped")
                .strongReference(true)
                .register(registry);
        Gauge.builder("netcron.runs.lingering", own, runs -> runs.lingeringRuns().size())
                .description("Runs ended after their thread ignored the interrupt, whose thread still runs (a forbid job's slot stays taken)")
                .strongReference(true)
                .register(registry);
        Gauge.builder("netcron.runs.ends.pending", own, runs -> runs.pendingEnds().size())
                .description("Run ends this node could not store yet (tried again every heartbeat)")
                .strongReference(true)
                .register(registry);

        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    @Override
    public void stop()
    {
        if (gcMetrics != null) {
            gcMetrics.close();
        }
    }

    private static double busyThreads(LocalScheduler scheduler)
    {
        try {
            return scheduler.executing().size();
        }
        catch (LocalScheduler.LocalSchedulerException e) {
            return Double.NaN;
        }
    }

    private static double totalThreads(LocalScheduler scheduler)
    {
        try {
            return scheduler.threadPoolSize();
        }
        catch (LocalScheduler.LocalSchedulerException e) {
            return Double.NaN;
        }
    }

    private static double standby(LocalScheduler scheduler)
    {
        try {
            return !scheduler.isStarted() || scheduler.isInStandbyMode() || scheduler.isShutdown() ? 1 : 0;
        }
        catch (LocalScheduler.LocalSchedulerException e) {
            return Double.NaN;
        }
    }

    private static double clockOffsetSeconds(NodeRegistry node)
    {
        Integer millis = node.clockOffsetMillis();
        return millis == null ? Double.NaN : millis / 1000.0;
    }
}
