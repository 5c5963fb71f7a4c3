package io.netcron.server.clients;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;
import io.netcron.metrics.JobMetrics;

/**
 * {@link JobMetrics} for jobs: records nothing unless the node's metrics module binds its
 * Micrometer implementation ({@code netcron run} and isolated runs have no {@code /metrics}).
 */
public final class JobMetricsModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        OptionalBinder.newOptionalBinder(binder(), JobMetrics.class).setDefault().toInstance(JobMetrics.none());
    }
}
