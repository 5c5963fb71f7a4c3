package io.netcron.server.jmx;

import java.util.Date;
import java.util.Map;

/**
 * {@code io.netcron:type=Job,name=<job>}: one row of {@code netcron.job} with its run counts
 * (cluster-wide), refreshed every {@code jmx.refresh-interval}. The operations change the
 * database like an operator's SQL, so they are audited and reach every node.
 */
public interface JobMXBean
{
    String getName();

    String getCategory();

    String getDescription();

    String getImplementation();

    /** As written in netcron.job (cron or alias); null for an on-demand job. */
    String getSchedule();

    String getTimeZone();

    boolean isEnabled();

    String getMisfirePolicy();

    String getConcurrency();

    int getMaxRetries();

    long getMaxRuntimeSeconds();

    Date getNextFireTime();

    Date getLastRunTime();

    String getLastStatus();

    /** Duration of the latest run that ran (skipped firings do not count); null before the first. */
    Long getLastDurationMillis();

    long getSuccessCount();

    /** Runs that failed, timed out or were abandoned by a dead node. */
    long getFailureCount();

    long getSkippedCount();

    /** Every final status with its count. */
    Map<String, Long> getRunCounts();

    /** Why the current row could not be applied (the previous schedule stays in force); null when fine. */
    String getScheduleError();

    long getVersion();

    /** Progress of the job's running run ({@code 412/1000 (41%)}), as last written by the node running it; null when none runs or it reports none. */
    String getProgress();

    /** Asks the cluster to run the job now (inserts into netcron.job_request); returns the request id. */
    long runNow();

    /** {@code enabled = false}: no more firings until resumed. */
    void pause();

    /** {@code enabled = true}. */
    void resume();

    /**
     * Sets {@code schedule}: 5-field Unix cron, Quartz cron with seconds, or an alias such as
     * {@code @hourly}; a bad one is refused with the reason. Returns what was stored. (It returns a
     * value so that JMX treats it as an operation, not as the setter of the read-only Schedule.)
     */
    String setSchedule(String schedule);
}
