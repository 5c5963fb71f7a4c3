package io.netcron.server.run;

import java.util.Locale;

/** {@code netcron.job_run.status}. */
public enum RunStatus
{
    RUNNING,
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    ABANDONED,
    SKIPPED;

    public String sqlName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunStatus fromSqlName(String value)
    {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
