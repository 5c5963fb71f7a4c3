package io.netcron.fanout;

import io.netcron.job.JobFailedException;
import io.netcron.job.JobResult;
import io.netcron.target.Outcome;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/** What a fan-out did: targets counted by outcome, failures listed (bounded), and whether too many failed. */
public record FanOutResult(int total, Map<Outcome, Long> counts, List<TargetFailure> failures, int failuresOmitted, double maxFailureShare, Duration elapsed)
{
    public FanOutResult
    {
        counts = counts.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(requireNonNull(counts, "counts is null")));
        failures = List.copyOf(requireNonNull(failures, "failures is null"));
        requireNonNull(elapsed, "elapsed is null");
    }

    public long count(Outcome outcome)
    {
        return counts.getOrDefault(outcome, 0L);
    }

    /** Targets whose outcome is a failure (unreachable, timeout, failed, ...). */
    public long failed()
    {
        return counts.entrySet().stream().filter(entry -> entry.getKey().isFailure()).mapToLong(Map.Entry::getValue).sum();
    }

    public double failureShare()
    {
        return total == 0 ? 0 : (double) failed() / total;
    }

    /** More than the allowed share of targets failed: the run should be marked failed. */
    public boolean tooManyFailed()
    {
        return failureShare() > maxFailureShare;
    }

    /** {@code {"targets": 1000, "counts": {"ok": 800, "timeout": 100, "failed": 100}, "failures": [...], "failures_omitted": 50}}. */
    public JobResult toJobResult()
    {
        Map<String, Long> byName = new LinkedHashMap<>();
        for (Outcome outcome : Outcome.values()) {
            long count = count(outcome);
            if (count > 0) {
                byName.put(outcome.sqlName(), count);
            }
        }
        List<Map<String, String>> listed = failures.stream()
                .map(failure -> Map.of("target", failure.target(), "outcome", failure.outcome().sqlName(), "reason", failure.reason()))
                .toList();
        return JobResult.builder()
                .put("targets", total)
                .put("counts", byName)
                .put("failures", listed)
                .put("failures_omitted", failuresOmitted)
                .put("elapsed_ms", elapsed.toMillis())
                .build();
    }

    /** The summary, or a {@link JobFailedException} carrying it when too many targets failed. */
    public JobResult toJobResultOrFail()
            throws JobFailedException
    {
        return orFail(toJobResult());
    }

    /** The job's {@code result} (usually the summary and its own values), or a {@link JobFailedException} carrying it when too many targets failed. */
    public JobResult orFail(JobResult result)
            throws JobFailedException
    {
        if (tooManyFailed()) {
            throw new JobFailedException(summary(), result);
        }
        return result;
    }

    /** One line: {@code 200 of 1000 targets failed (20%, allowed 10%): 100 timeout, 100 failed}. */
    public String summary()
    {
        String byOutcome = counts.entrySet().stream()
                .filter(entry -> entry.getKey().isFailure())
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getValue() + " " + entry.getKey().sqlName())
                .collect(Collectors.joining(", "));
        return failed() + " of " + total + " targets failed (" + Math.round(failureShare() * 100) + "%, allowed " + Math.round(maxFailureShare * 100) + "%)"
                + (byOutcome.isEmpty() ? "" : ": " + byOutcome);
    }
}
