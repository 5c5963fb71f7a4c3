package io.netcron.job;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** What a run knows about itself. */
public interface JobContext
{
    String jobName();

    /** {@code netcron.job_run.id}; 0 when the run is not recorded (no database). */
    long runId();

    String nodeId();

    /** The fire time this run belongs to. */
    Instant scheduledAt();

    /** 1 for the first attempt. */
    int attempt();

    RunCause cause();

    /** The job's params (the row's params, overridden by a run request's). Never null. */
    JsonNode params();

    default Optional<String> param(String name)
    {
        JsonNode value = params().get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        return Optional.of(value.isTextual() ? value.asText() : value.toString());
    }

    /**
     * The params bound to the job's params record ({@link JobSpec#paramsType()}), defaults filled in.
     * Throws {@link InvalidParamsException} naming the field that does not fit (the runner checks
     * this before the job starts, so a job rarely sees it).
     */
    default <P> P params(Class<P> type)
    {
        return JobParams.bind(params(), type);
    }

    /** When the run must be done (its {@code max_runtime}); hand it to every client call. */
    default Deadline deadline()
    {
        return Deadline.none();
    }

    /**
     * Closes {@code resource} when the run is asked to stop (max runtime, drain): a socket read
     * blocked in a client does not see {@link Thread#interrupt()}, a closed socket ends it. Close the
     * returned registration once the resource is closed normally.
     */
    default Cancellation.Registration onCancel(AutoCloseable resource)
    {
        return () -> {};
    }

    /** The clock jobs read the time from (a test kit fakes it). */
    default Clock clock()
    {
        return Clock.systemUTC();
    }

    /**
     * Reports progress ({@code done} of {@code total} targets); cheap and never blocking, call it as
     * often as is natural: it is shown (throttled) by {@code netcron run}, {@code netcron history},
     * the job's MBean and a metric.
     */
    default void progress(long done, long total) {}

    /** Appends a line to the run's kept output (bounded; the oldest lines are dropped). */
    void output(String line);

    /** Throws {@link InterruptedException} when the run was asked to stop (max runtime, drain). */
    void checkInterrupted()
            throws InterruptedException;
}
