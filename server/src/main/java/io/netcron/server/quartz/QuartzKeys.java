package io.netcron.server.quartz;

import org.quartz.JobKey;
import org.quartz.TriggerKey;

import java.time.Instant;

/** Names of netcron's Quartz objects: one durable job and one cron trigger per {@code netcron.job} row. */
public final class QuartzKeys
{
    public static final String GROUP = "netcron";
    /** One-shot triggers: run-now requests, retries, hand-offs, catch-ups. */
    public static final String MANUAL_GROUP = "netcron-manual";
    public static final String RETRY_GROUP = "netcron-retry";
    public static final String HANDOFF_GROUP = "netcron-handoff";
    /** One-shot triggers that run missed fire times (misfire policies fire_once_now and catch_up). */
    public static final String CATCH_UP_GROUP = "netcron-catchup";

    /** JobDataMap keys (strings: the job store keeps properties, not serialized objects). */
    public static final String VERSION = "netcron.version";
    public static final String SCHEDULED_AT = "netcron.scheduledAt";
    public static final String ATTEMPT = "netcron.attempt";
    public static final String CAUSE = "netcron.cause";
    public static final String PARAMS = "netcron.params";
    public static final String HANDOFFS = "netcron.handoffs";

    private QuartzKeys() {}

    public static JobKey jobKey(String jobName)
    {
        return JobKey.jobKey(jobName, GROUP);
    }

    /**
     * The name of a one-shot trigger for one fire time and attempt, unique per (job, fire time,
     * attempt) so scheduling it twice is refused by Quartz; within Quartz's 200-character limit.
     */
    public static String oneShotName(String jobName, Instant scheduledAt, int attempt)
    {
        String suffix = "@" + scheduledAt.toEpochMilli() + "#" + attempt;
        return (jobName.length() + suffix.length() <= 200 ? jobName : jobName.substring(0, 200 - suffix.length())) + suffix;
    }

    public static TriggerKey triggerKey(String jobName)
    {
        return TriggerKey.triggerKey(jobName, GROUP);
    }
}
