package io.netcron.server.jmx;

import io.netcron.server.jobtable.JobRow;
import io.netcron.server.run.Progress;

import java.time.Instant;
import java.util.Date;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** One job's MBean: attributes from the latest refresh, operations straight to the database. */
public final class JobBean
        implements JobMXBean
{
    private final String name;
    private final JobOperations operations;
    private final Runnable refresh;
    private volatile JobRow row;
    private volatile RunTotals.Totals totals;
    private volatile Progress progress;

    JobBean(JobRow row, RunTotals.Totals totals, JobOperations operations, Runnable refresh)
    {
        this.name = requireNonNull(row, "row is null").name();
        this.row = row;
        this.totals = requireNonNull(totals, "totals is null");
        this.operations = requireNonNull(operations, "operations is null");
        this.refresh = requireNonNull(refresh, "refresh is null");
    }

    void update(JobRow row, RunTotals.Totals totals)
    {
        this.row = requireNonNull(row, "row is null");
        this.totals = requireNonNull(totals, "totals is null");
    }

    void progress(Progress progress)
    {
        this.progress = progress;
    }

    @Override
    public String getProgress()
    {
        Progress current = progress;
        return current == null ? null : current.text();
    }

    @Override
    public String getName()
    {
        return name;
    }

    @Override
    public String getCategory()
    {
        return row.category();
    }

    @Override
    public String getDescription()
    {
        return row.description();
    }

    @Override
    public String getImplementation()
    {
        return row.implementation();
    }

    @Override
    public String getSchedule()
    {
        return row.schedule().orElse(null);
    }

    @Override
    public String getTimeZone()
    {
        return row.timeZone();
    }

    @Override
    public boolean isEnabled()
    {
        return row.enabled();
    }

    @Override
    public String getMisfirePolicy()
    {
        return row.misfirePolicy();
    }

    @Override
    public String getConcurrency()
    {
        return row.concurrency();
    }

    @Override
    public int getMaxRetries()
    {
        return row.maxRetries();
    }

    @Override
    public long getMaxRuntimeSeconds()
    {
        return row.maxRuntime().toSeconds();
    }

    @Override
    public Date getNextFireTime()
    {
        return date(row.nextFireAt());
    }

    @Override
    public Date getLastRunTime()
    {
        return date(row.lastRunAt());
    }

    @Override
    public String getLastStatus()
    {
        return row.lastStatus();
    }

    @Override
    public Long getLastDurationMillis()
    {
        return totals.lastDurationMillis();
    }

    @Override
    public long getSuccessCount()
    {
        return totals.count("succeeded");
    }

    @Override
    public long getFailureCount()
    {
        return totals.count("failed", "timed_out", "abandoned");
    }

    @Override
    public long getSkippedCount()
    {
        return totals.count("skipped");
    }

    @Override
    public Map<String, Long> getRunCounts()
    {
        return totals.byStatus();
    }

    @Override
    public String getScheduleError()
    {
        return row.scheduleError();
    }

    @Override
    public long getVersion()
    {
        return row.version();
    }

    @Override
    public long runNow()
    {
        return operations.requestRun(name);
    }

    @Override
    public void pause()
    {
        operations.setEnabled(name, false);
        refresh.run();
    }

    @Override
    public void resume()
    {
        operations.setEnabled(name, true);
        refresh.run();
    }

    @Override
    public String setSchedule(String schedule)
    {
        operations.setSchedule(name, schedule);
        refresh.run();
        return "schedule of " + name + " set to '" + schedule.trim() + "'; the nodes apply it within seconds (see ScheduleError, NextFireTime)";
    }

    private static Date date(Instant instant)
    {
        return instant == null ? null : Date.from(instant);
    }
}
