package io.netcron.server.run;

import io.netcron.job.SqlEnum;

/** {@code netcron.job_run.status}. */
public enum RunStatus
        implements SqlEnum
{
    RUNNING,
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    ABANDONED,
    SKIPPED;

    public static RunStatus fromSqlName(String value)
    {
        return SqlEnum.fromSqlName(RunStatus.class, value);
    }
}
