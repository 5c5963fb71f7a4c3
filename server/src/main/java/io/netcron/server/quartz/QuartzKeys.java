package io.netcron.server.quartz;

import org.quartz.JobKey;
import org.quartz.TriggerKey;

/** Names of netcron's Quartz objects: one durable job and one cron trigger per {@code netcron.job} row. */
public final class QuartzKeys
{
    public static final String GROUP = "netcron";
    /** One-shot triggers: run-now requests, retries, hand-offs. */
    public static final String MANUAL_GROUP = "netcron-manual";
    public static final String RETRY_GROUP = "netcron-retry";
    public static final String HANDOFF_GROUP = "netcron-handoff";

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

    public static TriggerKey triggerKey(String jobName)
    {
        return TriggerKey.triggerKey(jobName, GROUP);
    }
}
