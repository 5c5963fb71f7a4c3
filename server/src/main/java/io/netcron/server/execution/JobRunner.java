package io.netcron.server.execution;

import com.google.inject.Inject;
import io.netcron.server.db.Transient;
import io.netcron.server.history.OverlapException;
import io.netcron.server.run.RunEnd;
import io.netcron.server.run.RunStart;
import io.netcron.server.run.RunStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Runs one attempt of a job: records the start, executes the job (in this JVM on its own thread,
 * or in a child process when the job is isolated) within its max runtime, and records how it
 * ended. The calling thread waits. Quartz firings and {@code netcron run} both come through here,
 * so a run looks the same however it was started.
 */
public final class JobRunner
{
    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final RunRecorder recorder;
    private final Map<Execution.Mode, Execution> executions;
    private final List<RunListener> listeners;

    @Inject
    public JobRunner(RunRecorder recorder, Map<Execution.Mode, Execution> executions, Set<RunListener> listeners)
    {
        this.recorder = requireNonNull(recorder, "recorder is null");
        this.executions = Map.copyOf(requireNonNull(executions, "executions is null"));
        this.listeners = List.copyOf(requireNonNull(listeners, "listeners is null"));
    }

    public RunOutcome run(RunPlan plan)
    {
        RunStart start = plan.start();
        long runId;
        try {
            runId = startRecorded(start);
        }
        catch (OverlapException e) {
            long skippedId = Transient.retry("Recording a skipped run of " + start.jobName(), () -> recorder.skipped(start, "skipped: concurrency is forbid"));
            publish(new RunEvent.Skipped(start, skippedId, "previous run still going (concurrency forbid)"));
            log.info("Run skipped: job={} run={} node={} scheduled={}: previous run still going", start.jobName(), skippedId, start.nodeId(), start.scheduledAt());
            return new RunOutcome(skippedId, RunStatus.SKIPPED, null, "previous run still going (concurrency forbid)", Duration.ZERO);
        }
        MDC.put("job", start.jobName());
        MDC.put("run", Long.toString(runId));
        MDC.put("node", start.nodeId());
        RunEnd end;
        try {
            log.info("Run started: job={} run={} node={} cause={} attempt={} scheduled={}{}",
                    start.jobName(), runId, start.nodeId(), start.cause().sqlName(), start.attempt(), start.scheduledAt(), plan.isolated() ? " isolated" : "");
            publish(new RunEvent.Started(start, runId));
            end = execution(plan).execute(plan, runId);
        }
        catch (RuntimeException | Error e) {
            end = new RunEnd(RunStatus.FAILED, null, "netcron could not run the job: " + InProcessExecution.describe(e), null, Duration.ZERO);
        }
        try {
            RunEnd ended = end;
            Transient.retry("Recording the end of run " + runId, () -> recorder.finished(runId, start, ended));
        }
        catch (RuntimeException e) {
            log.error("Could not record the end of run {} of job {} ({}): {}", runId, start.jobName(), end.status().sqlName(), e.getMessage());
        }
        finally {
            log.info("Run finished: job={} run={} node={} status={} duration_ms={}{}",
                    start.jobName(), runId, start.nodeId(), end.status().sqlName(), end.duration().toMillis(),
                    end.error() == null ? "" : " error=" + end.error());
            MDC.remove("job");
            MDC.remove("run");
            MDC.remove("node");
        }
        publish(new RunEvent.Finished(start, runId, end));
        return new RunOutcome(runId, end.status(), end.resultJson(), end.error(), end.duration());
    }

    /** The run it collided with may end a moment later: then this fire time runs after all. */
    private long startRecorded(RunStart start)
    {
        try {
            return Transient.retry("Recording the start of " + start.jobName(), () -> recorder.started(start));
        }
        catch (OverlapException first) {
            return Transient.retry("Recording the start of " + start.jobName(), () -> recorder.started(start));
        }
    }

    private void publish(RunEvent event)
    {
        for (RunListener listener : listeners) {
            try {
                listener.onEvent(event);
            }
            catch (RuntimeException e) {
                log.warn("Run listener {} failed on {}: {}", listener.getClass().getSimpleName(), event.getClass().getSimpleName(), e.getMessage(), e);
            }
        }
    }

    /** Merges a run's param overrides over the job's params (top-level keys). */
    public static String mergeParams(String baseJson, Optional<String> overrideJson)
    {
        return Params.merge(baseJson, overrideJson);
    }

    private Execution execution(RunPlan plan)
    {
        Execution.Mode mode = Execution.Mode.of(plan);
        Execution execution = executions.get(mode);
        if (execution == null) {
            throw new IllegalStateException("no execution bound for " + mode + " (install its module)");
        }
        return execution;
    }
}
