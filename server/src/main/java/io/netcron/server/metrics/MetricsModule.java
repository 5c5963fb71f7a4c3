package io.netcron.server.metrics;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netcron.metrics.JobMetrics;
import io.netcron.server.execution.RunListener;
import io.netcron.server.lifecycle.Service;

import static java.util.Objects.requireNonNull;

/** Micrometer: the node's registry, netcron's meters, a run listener and the JVM/scheduler gauges. */
public final class MetricsModule
        extends AbstractModule
{
    private final PrometheusMeterRegistry registry;

    public MetricsModule(PrometheusMeterRegistry registry)
    {
        this.registry = requireNonNull(registry, "registry is null");
    }

    @Override
    protected void configure()
    {
        bind(PrometheusMeterRegistry.class).toInstance(registry);
        bind(MeterRegistry.class).toInstance(registry);
        bind(NetcronMetrics.class).in(Scopes.SINGLETON);
        // jobs' own gauges on /metrics; without this module (netcron run) JobMetricsModule's no-op stays
        OptionalBinder.newOptionalBinder(binder(), JobMetrics.class).setBinding().to(MicrometerJobMetrics.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), RunListener.class).addBinding().to(RunMetrics.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), RunListener.class).addBinding().to(ProgressMetrics.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), Service.class).addBinding().to(MetricsService.class).in(Scopes.SINGLETON);
    }
}
