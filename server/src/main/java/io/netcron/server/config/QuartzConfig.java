package io.netcron.server.config;

import java.time.Duration;

/**
 * {@code quartz.*}: the clustered job store and the policies built on it. Every node of a cluster
 * must use the same scheduler name.
 *
 * <ul>
 * <li>{@code failure-slack}: how long past its check-in interval a node may be silent before the
 * others declare it dead and recover its work (Quartz itself hard-codes 7.5 s; see
 * {@code ClusteredJobStore}). With the defaults a killed node's work restarts within about 8 s.</li>
 * <li>{@code catch-up-max}: at most this many missed fire times per misfire are run
 * ({@code catch_up}) or recorded as skipped ({@code skip}); older ones are dropped and logged.</li>
 * <li>{@code max-retry-delay}: the cap on a retry's backoff, which doubles per attempt.</li>
 * <li>{@code stuck-trigger-check}: how often a node looks for triggers stuck in ERROR, or in
 * ACQUIRED / BLOCKED with no live owner, and repairs them through the Quartz API.</li>
 * <li>{@code partitions}: the jobs are spread over this many Quartz schedulers (scheduler names
 * {@code <name>}, {@code <name>-1}, ...), each with its own cluster lock, so acquisitions and
 * firings of different partitions do not queue behind one lock. Every node runs every partition;
 * all nodes of a cluster must use the same number (a node refuses to start otherwise).</li>
 * </ul>
 */
public record QuartzConfig(
        String schedulerName,
        Duration checkinInterval,
        Duration misfireThreshold,
        int batchSize,
        Duration reconcileInterval,
        Duration failureSlack,
        int catchUpMax,
        Duration maxRetryDelay,
        Duration stuckTriggerCheck,
        int partitions)
{
    public static final String DEFAULT_SCHEDULER_NAME = "netcron";
    public static final Duration DEFAULT_CHECKIN_INTERVAL = Duration.ofSeconds(1);
    /**
     * How late a firing may start before it counts as missed and goes to the misfire policy. Long
     * enough that a top-of-the-hour burst (1,000 jobs due at once at a few hundred firings a
     * second) starts late but is not a misfire; short enough that after an overload the backlog
     * is bounded and the cluster is on time again within seconds.
     */
    public static final Duration DEFAULT_MISFIRE_THRESHOLD = Duration.ofSeconds(10);
    /** Triggers taken per acquisition (capped at the worker threads); fewer round trips on Quartz's cluster lock when many jobs fire at once. */
    public static final int DEFAULT_BATCH_SIZE = NodeConfig.DEFAULT_THREADS;
    public static final Duration DEFAULT_RECONCILE_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_FAILURE_SLACK = Duration.ofSeconds(3);
    public static final int DEFAULT_CATCH_UP_MAX = 100;
    public static final Duration DEFAULT_MAX_RETRY_DELAY = Duration.ofHours(1);
    public static final Duration DEFAULT_STUCK_TRIGGER_CHECK = Duration.ofSeconds(30);
    /** Measured in docs/benchmarks.md ("Partitions"): more lock holders than this gains nothing on a small database server. */
    public static final int DEFAULT_PARTITIONS = 2;
    public static final int MAX_PARTITIONS = 16;

    public static QuartzConfig from(Settings settings)
    {
        String name = settings.string("quartz.scheduler-name", DEFAULT_SCHEDULER_NAME);
        if (!name.matches("[A-Za-z0-9_.-]{1,116}")) {
            settings.error("quartz.scheduler-name", "must be 1-116 letters, digits or _.-, got '" + name + "'");
        }
        return new QuartzConfig(
                name,
                settings.duration("quartz.checkin-interval", DEFAULT_CHECKIN_INTERVAL, Duration.ofMillis(500), Duration.ofMinutes(5)),
                settings.duration("quartz.misfire-threshold", DEFAULT_MISFIRE_THRESHOLD, Duration.ofSeconds(1), Duration.ofHours(1)),
                settings.integer("quartz.batch-size", DEFAULT_BATCH_SIZE, 1, 100),
                settings.duration("quartz.reconcile-interval", DEFAULT_RECONCILE_INTERVAL, Duration.ofSeconds(1), Duration.ofHours(1)),
                settings.duration("quartz.failure-slack", DEFAULT_FAILURE_SLACK, Duration.ofMillis(500), Duration.ofMinutes(10)),
                settings.integer("quartz.catch-up-max", DEFAULT_CATCH_UP_MAX, 1, 10_000),
                settings.duration("quartz.max-retry-delay", DEFAULT_MAX_RETRY_DELAY, Duration.ofSeconds(1), Duration.ofDays(7)),
                settings.duration("quartz.stuck-trigger-check", DEFAULT_STUCK_TRIGGER_CHECK, Duration.ofSeconds(1), Duration.ofHours(1)),
                settings.integer("quartz.partitions", DEFAULT_PARTITIONS, 1, MAX_PARTITIONS));
    }

    /** Scheduler name of partition {@code index}: the cluster's name for partition 0, {@code <name>-<index>} for the others. */
    public String schedulerName(int partition)
    {
        return partition == 0 ? schedulerName : schedulerName + "-" + partition;
    }

    /** Every partition's scheduler name, partition 0 first. */
    public String[] schedulerNames()
    {
        return java.util.stream.IntStream.range(0, partitions).mapToObj(this::schedulerName).toArray(String[]::new);
    }

    /** How long after its last check-in a node counts as dead: the check-in interval plus the slack. */
    public Duration failureWindow()
    {
        return checkinInterval.plus(failureSlack);
    }
}
