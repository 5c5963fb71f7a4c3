package io.netcron.server.metrics;

import com.google.inject.Inject;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netcron.server.execution.RunEvent;
import io.netcron.server.execution.RunListener;
import io.netcron.server.run.Progress;
import io.netcron.server.progress.RunProgress;

import static java.util.Objects.requireNonNull;

/**
 * {@code netcron_run_progress_ratio{job}}: 0..1 for a job running on this node that reports
 * progress, NaN otherwise. The gauge is registered when a job first runs here and reads the live value.
 */
public final class ProgressMetrics
        implements RunListener
{
    private final MeterRegistry registry;
    private final RunProgress progress;

    @Inject
    public ProgressMetrics(MeterRegistry registry, RunProgress progress)
    {
        this.registry = requireNonNull(registry, "registry is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    @Override
    public void onEvent(RunEvent event)
    {
        if (event instanceof RunEvent.Started started) {
            String job = started.start().jobName();
            Gauge.builder("netcron.run.progress.ratio", progress, runs -> runs.ofJob(job).map(Progress::ratio).orElse(Double.NaN))
                    .description("Progress (done/total) of the job's run on this node, as the job reports it; NaN when none")
                    .tag("job", job)
                    .register(registry);
        }
    }
}
