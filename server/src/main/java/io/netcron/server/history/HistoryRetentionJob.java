package io.netcron.server.history;

import com.google.inject.Inject;
import io.netcron.job.JobContext;
import io.netcron.job.JobResult;
import io.netcron.job.JobSpec;
import io.netcron.job.MisfirePolicy;
import io.netcron.job.NetcronJob;
import io.netcron.server.config.HistoryConfig;
import io.netcron.server.config.Settings;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Housekeeping: trims run history to {@code history.max-age} and {@code history.max-rows-per-job}
 * (and drops run-now requests handled longer ago than the max age), in batches of
 * {@code history.batch-size} rows, each deleted by its own short transaction. Operators see and
 * reschedule it like any job ({@code netcron.job} row {@code history-retention}).
 */
@JobSpec(
        name = "history-retention",
        category = "system",
        description = "Deletes run history older than history.max-age or beyond history.max-rows-per-job per job, in small batches",
        schedule = "0 17 * * * ?",
        maxRuntime = "30m",
        misfirePolicy = MisfirePolicy.SKIP)
public final class HistoryRetentionJob
        implements NetcronJob
{
    private final RunRetention retention;
    private final HistoryConfig config;

    @Inject
    public HistoryRetentionJob(RunRetention retention, HistoryConfig config)
    {
        this.retention = requireNonNull(retention, "retention is null");
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    public JobResult execute(JobContext context)
            throws InterruptedException
    {
        Instant cutoff = retention.cutoff(config.maxAge());
        Deleted byAge = deleteAll(context, () -> retention.deleteRunsStartedBefore(cutoff, config.batchSize()));
        Deleted byCount = new Deleted(0, 0);
        int jobsTrimmed = 0;
        for (String job : retention.jobsWithRuns()) {
            Optional<RunRetention.RunKey> boundary = retention.firstRunBeyond(job, config.maxRowsPerJob());
            if (boundary.isPresent()) {
                Deleted deleted = deleteAll(context, () -> retention.deleteRunsUpTo(job, boundary.get(), config.batchSize()));
                byCount = byCount.plus(deleted);
                jobsTrimmed += deleted.rows() > 0 ? 1 : 0;
            }
        }
        Deleted requests = deleteAll(context, () -> retention.deleteRequestsHandledBefore(cutoff, config.batchSize()));
        context.output("runs deleted: " + byAge.rows() + " older than " + Settings.format(config.maxAge()) + ", " + byCount.rows()
                + " beyond " + config.maxRowsPerJob() + " per job (" + jobsTrimmed + " jobs); requests deleted: " + requests.rows()
                + "; " + (byAge.batches() + byCount.batches() + requests.batches()) + " batches of at most " + config.batchSize());
        return JobResult.builder()
                .put("deleted_by_age", byAge.rows())
                .put("deleted_by_count", byCount.rows())
                .put("jobs_trimmed", jobsTrimmed)
                .put("requests_deleted", requests.rows())
                .put("batches", byAge.batches() + byCount.batches() + requests.batches())
                .build();
    }

    /** Runs a batch delete until a batch comes back short. */
    private Deleted deleteAll(JobContext context, BatchDelete delete)
            throws InterruptedException
    {
        long rows = 0;
        int batches = 0;
        while (true) {
            context.checkInterrupted();
            int deleted = delete.next();
            batches++;
            rows += deleted;
            if (deleted < config.batchSize()) {
                return new Deleted(rows, batches);
            }
        }
    }

    @FunctionalInterface
    private interface BatchDelete
    {
        int next();
    }

    private record Deleted(long rows, int batches)
    {
        Deleted plus(Deleted other)
        {
            return new Deleted(rows + other.rows, batches + other.batches);
        }
    }
}
