package io.netcron.job;

import com.fasterxml.jackson.databind.JsonNode;

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

    /** Appends a line to the run's kept output (bounded; the oldest lines are dropped). */
    void output(String line);

    /** Throws {@link InterruptedException} when the run was asked to stop (max runtime, drain). */
    void checkInterrupted()
            throws InterruptedException;
}
