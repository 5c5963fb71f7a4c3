package io.netcron.server.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Inject;
import com.google.inject.Injector;
import io.netcron.job.JobFailedException;
import io.netcron.job.JobResult;
import io.netcron.job.NetcronJob;
import io.netcron.server.history.OverlapException;
import io.netcron.server.history.RunEnd;
import io.netcron.server.history.RunStart;
import io.netcron.server.history.RunStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Runs one attempt of a job on the calling thread: records the start, builds the job through
 * Guice, executes it and records how it ended. Quartz firings and {@code netcron run} both come
 * through here, so a run looks the same however it was started.
 */
public final class JobRunner
{
    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
    private static final ObjectMapper JSON = Json.MAPPER;

    private final Injector injector;
    private final RunRecorder recorder;
    private final List<RunListener> listeners;

    @Inject
    public JobRunner(Injector injector, RunRecorder recorder, Set<RunListener> listeners)
    {
        this.injector = requireNonNull(injector, "injector is null");
        this.recorder = requireNonNull(recorder, "recorder is null");
        this.listeners = List.copyOf(requireNonNull(listeners, "listeners is null"));
    }

    public RunOutcome run(RunPlan plan)
    {
        RunStart start = plan.start();
        long runId;
        try {
            runId = recorder.started(start);
        }
        catch (OverlapException e) {
            long skippedId = recorder.skipped(start, "skipped: concurrency is forbid");
            publish(new RunEvent.Skipped(start, skippedId, "previous run still going (concurrency forbid)"));
            log.info("Run skipped: job={} run={} node={} scheduled={}: previous run still going", start.jobName(), skippedId, start.nodeId(), start.scheduledAt());
            return new RunOutcome(skippedId, RunStatus.SKIPPED, null, "previous run still going (concurrency forbid)", Duration.ZERO);
        }
        MDC.put("job", start.jobName());
        MDC.put("run", Long.toString(runId));
        MDC.put("node", start.nodeId());
        long began = System.nanoTime();
        RunContext context = null;
        RunEnd end;
        try {
            log.info("Run started: job={} run={} node={} cause={} attempt={} scheduled={}",
                    start.jobName(), runId, start.nodeId(), start.cause().sqlName(), start.attempt(), start.scheduledAt());
            publish(new RunEvent.Started(start, runId));
            context = new RunContext(start, runId, parseParams(plan.paramsJson()));
            NetcronJob job = injector.getInstance(plan.type().jobClass());
            JobResult result = job.execute(context);
            String resultJson = JSON.writeValueAsString(result == null ? JobResult.empty().values() : result.values());
            end = new RunEnd(RunStatus.SUCCEEDED, resultJson, null, context.collectedOutput(), elapsed(began));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end = new RunEnd(RunStatus.FAILED, null, "interrupted: " + e.getMessage(), output(context), elapsed(began));
        }
        catch (JobFailedException e) {
            end = new RunEnd(RunStatus.FAILED, null, describe(e), output(context), elapsed(began));
        }
        catch (JsonProcessingException e) {
            end = new RunEnd(RunStatus.FAILED, null, "result is not JSON-serializable: " + e.getOriginalMessage(), output(context), elapsed(began));
        }
        catch (Throwable e) {
            // the stack trace goes with the run (netcron.job_run.output), the log gets one line
            log.debug("Job {} threw", start.jobName(), e);
            if (context != null) {
                context.output(stackTrace(e));
            }
            end = new RunEnd(RunStatus.FAILED, null, describe(e), output(context), elapsed(began));
        }
        try {
            recorder.finished(runId, start, end);
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
        if (overrideJson.isEmpty()) {
            return baseJson;
        }
        try {
            ObjectNode merged = (ObjectNode) parseParams(baseJson);
            merged.setAll((ObjectNode) parseParams(overrideJson.get()));
            return JSON.writeValueAsString(merged);
        }
        catch (JsonProcessingException e) {
            throw new IllegalArgumentException("params are not a JSON object: " + e.getOriginalMessage());
        }
    }

    private static JsonNode parseParams(String json)
            throws JsonProcessingException
    {
        JsonNode node = JSON.readTree(json == null || json.isBlank() ? "{}" : json);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("params must be a JSON object, got: " + json);
        }
        return node;
    }

    private static String output(RunContext context)
    {
        return context == null ? null : context.collectedOutput();
    }

    private static String stackTrace(Throwable error)
    {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    private static Duration elapsed(long began)
    {
        return Duration.ofNanos(System.nanoTime() - began);
    }

    /** A one-line error: the message, with the exception type where the message alone would not say it. */
    static String describe(Throwable error)
    {
        if (error instanceof JobFailedException) {
            String message = error.getMessage();
            return error.getCause() == null ? message : message + ": " + describe(error.getCause());
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        return root.getClass().getSimpleName() + message;
    }
}
