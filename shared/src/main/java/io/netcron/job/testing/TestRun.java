package io.netcron.job.testing;

import io.netcron.job.JobFailedException;
import io.netcron.job.JobResult;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** How a {@link JobTester} run went: the result or the failure, the output lines and the progress reports. */
public record TestRun(JobResult result, Throwable failure, List<String> output, List<Progress> progress, boolean timedOut)
{
    public TestRun
    {
        output = List.copyOf(requireNonNull(output, "output is null"));
        progress = List.copyOf(requireNonNull(progress, "progress is null"));
    }

    public record Progress(long done, long total) {}

    public boolean succeeded()
    {
        return failure == null;
    }

    /** The result of a successful run; an {@link AssertionError} with the failure otherwise. */
    public JobResult resultOrThrow()
    {
        if (failure != null) {
            throw new AssertionError("the job failed: " + failure, failure);
        }
        return result;
    }

    /** The summary a failed run kept ({@link JobFailedException#result()}), or the successful result. */
    public Optional<JobResult> anyResult()
    {
        if (failure instanceof JobFailedException failed) {
            return failed.result();
        }
        return Optional.ofNullable(result);
    }

    /** A fan-out job's {@code counts} (outcome to targets) from {@link #anyResult()}; an {@link AssertionError} when the run kept no result. */
    @SuppressWarnings("unchecked")
    public Map<String, Long> fanOutCounts()
    {
        return (Map<String, Long>) keptResult().values().get("counts");
    }

    /** A fan-out job's listed {@code failures} (target, outcome, reason) from {@link #anyResult()}. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> fanOutFailures()
    {
        return List.copyOf((List<Map<String, Object>>) keptResult().values().get("failures"));
    }

    private JobResult keptResult()
    {
        return anyResult().orElseThrow(() -> new AssertionError("no result: " + failure, failure));
    }

    public Optional<Progress> lastProgress()
    {
        return progress.isEmpty() ? Optional.empty() : Optional.of(progress.getLast());
    }
}
