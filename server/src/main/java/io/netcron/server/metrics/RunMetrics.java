package io.netcron.server.metrics;

import com.google.inject.Inject;
import io.netcron.server.execution.RunEvent;
import io.netcron.server.execution.RunListener;
import io.netcron.server.run.RunStart;

import java.time.Clock;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/** Turns run events into meters. */
public final class RunMetrics
        implements RunListener
{
    private final NetcronMetrics metrics;
    private final Clock clock;

    @Inject
    public RunMetrics(NetcronMetrics metrics)
    {
        this(metrics, Clock.systemUTC());
    }

    RunMetrics(NetcronMetrics metrics, Clock clock)
    {
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void onEvent(RunEvent event)
    {
        RunStart start = event.start();
        switch (event) {
            case RunEvent.Started started -> metrics.runStarted(start.jobName(), start.cause(), Duration.between(start.scheduledAt(), clock.instant()));
            case RunEvent.Finished finished -> metrics.runEnded(start.jobName(), start.cause(), finished.end().status(), finished.end().duration());
            case RunEvent.Skipped skipped -> metrics.runSkipped(start.jobName(), start.cause());
        }
    }
}
