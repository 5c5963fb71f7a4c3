package io.netcron.server.quartz.triggers;

import io.netcron.job.RunCause;
import io.netcron.server.quartz.store.QuartzKeys;
import org.quartz.JobDataMap;
import org.quartz.JobKey;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

/**
 * Every one-shot trigger netcron creates (run-now requests, retries, catch-ups, hand-offs) is built
 * here: one firing at a start time, fired at once if it was missed (a one-shot firing is a run
 * someone asked for), job data under the {@link QuartzKeys} names.
 */
public final class OneShotTriggers
{
    private OneShotTriggers() {}

    /** A run-now request's firing, named for the request (one trigger per request, cluster-wide). */
    public static Trigger runNow(long requestId, String jobName, Instant scheduledAt, String causeSqlName, Optional<String> paramsJson, Instant now)
    {
        JobDataMap data = new JobDataMap();
        data.put(QuartzKeys.SCHEDULED_AT, scheduledAt.toString());
        data.put(QuartzKeys.CAUSE, causeSqlName);
        data.put(QuartzKeys.REQUEST_ID, Long.toString(requestId));
        paramsJson.ifPresent(params -> data.put(QuartzKeys.PARAMS, params));
        return build(TriggerKey.triggerKey("request-" + requestId, QuartzKeys.MANUAL_GROUP), QuartzKeys.jobKey(jobName), data, now);
    }

    public static Trigger retry(String jobName, Instant scheduledAt, int attempt, Instant startAt)
    {
        JobDataMap data = new JobDataMap();
        data.put(QuartzKeys.SCHEDULED_AT, Long.toString(scheduledAt.toEpochMilli()));
        data.put(QuartzKeys.ATTEMPT, Integer.toString(attempt));
        data.put(QuartzKeys.CAUSE, RunCause.RETRY.sqlName());
        return build(TriggerKey.triggerKey(QuartzKeys.oneShotName(jobName, scheduledAt, attempt), QuartzKeys.RETRY_GROUP), QuartzKeys.jobKey(jobName), data, startAt);
    }

    public static Trigger catchUp(TriggerKey key, String jobName, Instant scheduledAt)
    {
        JobDataMap data = new JobDataMap();
        data.put(QuartzKeys.SCHEDULED_AT, Long.toString(scheduledAt.toEpochMilli()));
        data.put(QuartzKeys.ATTEMPT, "1");
        data.put(QuartzKeys.CAUSE, RunCause.CATCH_UP.sqlName());
        return build(key, QuartzKeys.jobKey(jobName), data, Instant.now());
    }

    /** The same firing again, for another node (this one lacks the job's implementation). */
    public static Trigger handOff(String jobName, JobKey job, Map<String, Object> data, Instant startAt)
    {
        return build(TriggerKey.triggerKey(jobName + "-" + System.nanoTime(), QuartzKeys.HANDOFF_GROUP), job, new JobDataMap(data), startAt);
    }

    private static Trigger build(TriggerKey key, JobKey job, JobDataMap data, Instant startAt)
    {
        return TriggerBuilder.newTrigger()
                .withIdentity(key)
                .forJob(job)
                .usingJobData(data)
                .startAt(Date.from(startAt))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionIgnoreMisfires()) // runs late, never misfire-handled
                .build();
    }
}
