package io.netcron.job;

import java.util.Locale;

/** Why a run happened; stored in {@code netcron.job_run.cause}. */
public enum RunCause
{
    SCHEDULE,
    MANUAL,
    RETRY,
    RECOVERY,
    CATCH_UP,
    /** An upstream job's run ended the way a {@code netcron.job_dependency} edge asks for. */
    DEPENDENCY;

    public String sqlName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunCause fromSqlName(String value)
    {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
