package io.netcron.server.config;

import java.time.Duration;

/**
 * {@code history.*}: how much of {@code netcron.job_run} the retention job keeps. A run is removed
 * when it started more than {@code max-age} ago or when its job has more than
 * {@code max-rows-per-job} newer runs; deletes go in batches of {@code batch-size} rows, each its
 * own short transaction.
 */
public record HistoryConfig(Duration maxAge, int maxRowsPerJob, int batchSize)
{
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(30);
    public static final int DEFAULT_MAX_ROWS_PER_JOB = 10_000;
    public static final int DEFAULT_BATCH_SIZE = 1_000;

    public static HistoryConfig from(Settings settings)
    {
        return new HistoryConfig(
                settings.duration("history.max-age", DEFAULT_MAX_AGE, Duration.ofMinutes(1), Duration.ofDays(36_500)),
                settings.integer("history.max-rows-per-job", DEFAULT_MAX_ROWS_PER_JOB, 1, 100_000_000),
                settings.integer("history.batch-size", DEFAULT_BATCH_SIZE, 1, 100_000));
    }
}
