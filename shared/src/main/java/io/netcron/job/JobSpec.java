package io.netcron.job;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a job: its identity and the defaults that are written once into {@code netcron.job}.
 * After that first insert the database row is the truth; an operator's edits are never overwritten.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface JobSpec
{
    /** Unique job name, e.g. {@code refresh-hwinfo-arista}. */
    String name();

    String category() default "general";

    String description() default "";

    /** Quartz cron with seconds or classic 5-field cron; empty means "only on demand". */
    String schedule() default "";

    /** IANA time zone the schedule is read in. */
    String timeZone() default "UTC";

    /** ISO-8601 duration ({@code PT30M}) or short form ({@code 30m}, {@code 90s}). */
    String maxRuntime() default "30m";

    int maxRetries() default 0;

    /** First retry delay; it doubles per attempt, capped. */
    String retryBackoff() default "30s";

    MisfirePolicy misfirePolicy() default MisfirePolicy.FIRE_ONCE_NOW;

    Concurrency concurrency() default Concurrency.FORBID;

    /** Run again on a surviving node when the node running it dies. */
    boolean recoverable() default true;

    /** Run in a child process that is killed with its process tree at max runtime. */
    boolean isolated() default false;

    /**
     * The job's params record (Jackson-bound, {@code snake_case} in JSON; see {@link JobParams}):
     * its Java defaults are written into {@code netcron.job.params} at discovery, and every run's
     * params are checked against it before the job starts. {@code Void} for untyped params.
     */
    Class<?> paramsType() default Void.class;

    /** Untyped default params as a JSON object; prefer {@link #paramsType()}. */
    String params() default "{}";
}
