package io.netcron.server.execution;

import io.netcron.server.run.RunEnd;
import io.netcron.server.run.RunStart;

/** What happened to a run, as small typed values for listeners (metrics, retries, JMX counters). */
public sealed interface RunEvent
{
    RunStart start();

    long runId();

    record Started(RunStart start, long runId) implements RunEvent {}

    record Finished(RunStart start, long runId, RunEnd end) implements RunEvent {}

    record Skipped(RunStart start, long runId, String reason) implements RunEvent {}
}
