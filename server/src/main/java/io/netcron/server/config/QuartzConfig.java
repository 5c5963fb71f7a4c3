package io.netcron.server.config;

import java.time.Duration;

/** {@code quartz.*}: the clustered job store. Every node of a cluster must use the same scheduler name. */
public record QuartzConfig(
        String schedulerName,
        Duration checkinInterval,
        Duration misfireThreshold,
        int batchSize,
        Duration reconcileInterval)
{
    public static final String DEFAULT_SCHEDULER_NAME = "netcron";
    public static final Duration DEFAULT_CHECKIN_INTERVAL = Duration.ofSeconds(2);
    public static final Duration DEFAULT_MISFIRE_THRESHOLD = Duration.ofSeconds(5);
    /** Triggers taken per acquisition (capped at the worker threads); fewer round trips on Quartz's cluster lock when many jobs fire at once. */
    public static final int DEFAULT_BATCH_SIZE = 10;
    public static final Duration DEFAULT_RECONCILE_INTERVAL = Duration.ofSeconds(10);

    public static QuartzConfig from(Settings settings)
    {
        String name = settings.string("quartz.scheduler-name", DEFAULT_SCHEDULER_NAME);
        if (!name.matches("[A-Za-z0-9_.-]{1,120}")) {
            settings.error("quartz.scheduler-name", "must be 1-120 letters, digits or _.-, got '" + name + "'");
        }
        return new QuartzConfig(
                name,
                settings.duration("quartz.checkin-interval", DEFAULT_CHECKIN_INTERVAL, Duration.ofMillis(500), Duration.ofMinutes(5)),
                settings.duration("quartz.misfire-threshold", DEFAULT_MISFIRE_THRESHOLD, Duration.ofSeconds(1), Duration.ofHours(1)),
                settings.integer("quartz.batch-size", DEFAULT_BATCH_SIZE, 1, 100),
                settings.duration("quartz.reconcile-interval", DEFAULT_RECONCILE_INTERVAL, Duration.ofSeconds(1), Duration.ofHours(1)));
    }
}
