package io.netcron.server.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Inject;
import com.google.inject.Injector;
import io.netcron.job.Deadline;
import io.netcron.job.JobFailedException;
import io.netcron.job.JobResult;
import io.netcron.job.NetcronJob;
import io.netcron.server.config.NodeConfig;
import io.netcron.server.config.Settings;
import io.netcron.server.run.RunEnd;
import io.netcron.server.run.RunStart;
import io.netcron.server.run.RunStatus;
import io.netcron.server.progress.RunProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Runs a job's body in this JVM on its own thread while the caller (a Quartz worker) waits up to
 * the job's max runtime. At the limit the thread is interrupted; if it has not stopped after
 * {@code node.timeout-grace} the run is recorded {@code timed_out} and the thread is abandoned
 * (logged, left to end on its own): a Java thread that ignores interrupts cannot be stopped, which
 * is what process isolation is for.
 */
public final class InProcessExecution
        implements Execution
{
    private static final Logger log = LoggerFactory.getLogger(InProcessExecution.class);

    private final Injector injector;
    private final Duration timeoutGrace;
    private final RunProgress progress;
    private final RunRecorder recorder;

    public InProcessExecution(Injector injector, NodeConfig node, RunProgress progress)
    {
        this(injector, node, progress, RunRecorder.NONE);
    }

    @Inject
    public InProcessExecution(Injector injector, NodeConfig node, RunProgress progress, RunRecorder recorder)
    {
        this.injector = requireNonNull(injector, "injector is null");
        this.timeoutGrace = requireNonNull(node, "node is null").timeoutGrace();
        this.progress = requireNonNull(progress, "progress is null");
        this.recorder = requireNonNull(recorder, "recorder is null");
    }

    @Override
    public RunEnd execute(RunPlan plan, long runId)
    {
        long began = System.nanoTime();
        JsonNode params;
        try {
            params = Params.checked(plan.paramsJson(), plan.type());
        }
        catch (JsonProcessingException | IllegalArgumentException e) {
            return new RunEnd(RunStatus.FAILED, null, Params.error(e), null, elapsed(began));
        }
        try (RunProgress.Tracked tracked = progress.track(plan.start().jobName(), runId)) {
            return execute(plan, runId, new RunContext(plan.start(), runId, params, Deadline.after(plan.maxRuntime()), tracked), began)
                    .withProgress(tracked.current());
        }
    }

    private RunEnd execute(RunPlan plan, long runId, RunContext context, long began)
    {
        RunStart start = plan.start();
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        JobThread abandoned = new JobThread();
        FutureTask<JobResult> task = new FutureTask<>(() -> {
            if (mdc != null) {
                MDC.setContextMap(mdc);
            }
            NetcronJob job = injector.getInstance(plan.type().jobClass());
            return job.execute(context);
        });
        Thread thread = new Thread(() -> {
            task.run();
            if (abandoned.ended(() -> recorder.lingering(runId, false))) {
                log.warn("Abandoned run {} of job {} finally ended after {} ms", runId, start.jobName(), elapsed(began).toMillis());
            }
            MDC.clear();
        }, "netcron-job-" + start.jobName() + "-" + runId);
        thread.setDaemon(true);
        thread.start();
        try {
            return ended(task.get(plan.maxRuntime().toNanos(), TimeUnit.NANOSECONDS), null, context, began);
        }
        catch (ExecutionException e) {
            return failed(e.getCause(), context, began);
        }
        catch (TimeoutException e) {
            // a socket read does not see the interrupt: close what the job registered first
            context.cancel("max runtime exceeded");
            thread.interrupt();
            return afterInterrupt(task, thread, abandoned, context, began, RunStatus.TIMED_OUT,
                    "max runtime " + Settings.format(plan.maxRuntime()) + " exceeded");
        }
        catch (InterruptedException e) {
            // the node is draining and its grace period is over
            context.cancel("the node is stopping");
            thread.interrupt();
            RunEnd end = afterInterrupt(task, thread, abandoned, context, began, RunStatus.FAILED, "interrupted: the node is stopping");
            Thread.currentThread().interrupt();
            return end;
        }
    }

    private RunEnd afterInterrupt(FutureTask<JobResult> task, Thread thread, JobThread abandoned, RunContext context, long began, RunStatus status, String reason)
    {
        try {
            JobResult result = task.get(timeoutGrace.toNanos(), TimeUnit.NANOSECONDS);
            return ended(result, new Stop(status, reason + "; the job stopped when interrupted"), context, began);
        }
        catch (ExecutionException e) {
            return new RunEnd(status, null, reason + "; the job stopped when interrupted (" + describe(e.getCause()) + ")", context.collectedOutput(), elapsed(began));
        }
        catch (TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // the run ends now, but a forbid job's slot stays taken while the thread goes on
            abandoned.abandon(() -> recorder.lingering(context.runId(), true));
            String where = Arrays.stream(thread.getStackTrace()).limit(5).map(StackTraceElement::toString).collect(Collectors.joining(" < "));
            log.warn("Job {} run {} ignored the interrupt for {}; thread {} abandoned (it keeps running until it ends on its own), at {}",
                    context.jobName(), context.runId(), Settings.format(timeoutGrace), thread.getName(), where);
            context.output("netcron: thread " + thread.getName() + " did not stop within " + Settings.format(timeoutGrace) + " of the interrupt; abandoned at " + where);
            return new RunEnd(status, null, reason + "; the job ignored the interrupt for " + Settings.format(timeoutGrace) + " and was abandoned",
                    context.collectedOutput(), elapsed(began));
        }
    }

    private record Stop(RunStatus status, String reason) {}

    /** Whether a job's thread was abandoned and whether it has ended; the two are ordered, so a slot marked taken is always freed. */
    private static final class JobThread
    {
        private boolean abandoned;
        private boolean ended;

        synchronized void abandon(Runnable mark)
        {
            if (!ended && !abandoned) {
                abandoned = true;
                mark.run();
            }
        }

        /** True if it had been abandoned (then {@code clear} ran). */
        synchronized boolean ended(Runnable clear)
        {
            ended = true;
            if (abandoned) {
                clear.run();
                return true;
            }
            return false;
        }
    }

    private static RunEnd ended(JobResult result, Stop stop, RunContext context, long began)
    {
        String resultJson;
        try {
            resultJson = Json.MAPPER.writeValueAsString(result == null ? JobResult.empty().values() : result.values());
        }
        catch (JsonProcessingException e) {
            return new RunEnd(stop == null ? RunStatus.FAILED : stop.status(), null,
                    (stop == null ? "" : stop.reason() + "; ") + "result is not JSON-serializable: " + e.getOriginalMessage(), context.collectedOutput(), elapsed(began));
        }
        if (stop != null) {
            return new RunEnd(stop.status(), resultJson, stop.reason(), context.collectedOutput(), elapsed(began));
        }
        return new RunEnd(RunStatus.SUCCEEDED, resultJson, null, context.collectedOutput(), elapsed(began));
    }

    private static RunEnd failed(Throwable error, RunContext context, long began)
    {
        if (error instanceof InterruptedException) {
            return new RunEnd(RunStatus.FAILED, null, "interrupted: " + error.getMessage(), context.collectedOutput(), elapsed(began));
        }
        if (error instanceof JobFailedException failed && failed.result().isPresent()) {
            // a failed run that still says what it did (a fan-out's counts)
            return new RunEnd(RunStatus.FAILED, resultJson(failed.result().get()), describe(error), context.collectedOutput(), elapsed(began));
        }
        if (!(error instanceof JobFailedException)) {
            // the stack trace goes with the run (netcron.job_run.output), the log gets one line
            log.debug("Job {} threw", context.jobName(), error);
            context.output(stackTrace(error));
        }
        return new RunEnd(RunStatus.FAILED, null, describe(error), context.collectedOutput(), elapsed(began));
    }

    private static String resultJson(JobResult result)
    {
        try {
            return Json.MAPPER.writeValueAsString(result.values());
        }
        catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String stackTrace(Throwable error)
    {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    static Duration elapsed(long began)
    {
        return Duration.ofNanos(System.nanoTime() - began);
    }

    /** A one-line error: the message, with the exception type where the message alone would not say it. */
    public static String describe(Throwable error)
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
