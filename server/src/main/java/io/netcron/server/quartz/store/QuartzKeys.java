package io.netcron.server.quartz.store;

import org.quartz.JobDetail;
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
    /** The {@code netcron.job_request} id a run-now trigger was made for. */
    public static final String REQUEST_ID = "netcron.requestId";

    /** Quartz's name columns are varchar(200). */
    private static final int MAX_NAME_LENGTH = 200;

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
        return (jobName.length() + suffix.length() <= MAX_NAME_LENGTH ? jobName : jobName.substring(0, MAX_NAME_LENGTH - suffix.length())) + suffix;
    }

    /**
     * The cron trigger created when version {@code version} of a job was applied. A changed schedule
     * gets a new trigger under a new key, never a replaced one: a firing that a node's scheduler
     * thread acquired for the old trigger then finds its trigger gone, instead of writing the old
     * schedule back over the new one when it fires (Quartz stores the fired trigger object by key).
     * Find a job's current cron trigger by job and group {@link #GROUP}, not by name.
     */
    public static TriggerKey triggerKey(String jobName, long version)
    {
        String suffix = "#" + version;
        String name = jobName.length() + suffix.length() <= MAX_NAME_LENGTH
                ? jobName
                : jobName.substring(0, MAX_NAME_LENGTH - suffix.length() - 9) + "~" + String.format("%08x", jobName.hashCode());
        return TriggerKey.triggerKey(name + suffix, GROUP);
    }

    /** An instant in job data: epoch milliseconds, or ISO-8601 where milliseconds are too coarse (run-now fire times). */
    public static Instant instant(String value)
    {
        return value.indexOf('T') >= 0 ? Instant.parse(value) : Instant.ofEpochMilli(Long.parseLong(value));
    }

    /** The version of the job's {@code netcron.job} row that its job detail was built from (0: none recorded). */
    public static long appliedVersion(JobDetail detail)
    {
        String value = detail.getJobDataMap().getString(VERSION);
        return value == null ? 0 : Long.parseLong(value);
    }
}
