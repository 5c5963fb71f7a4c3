package io.netcron.job;

/** Why a run happened; stored in {@code netcron.job_run.cause}. */
public enum RunCause
        implements SqlEnum
{
    SCHEDULE,
    MANUAL,
    RETRY,
    RECOVERY,
    CATCH_UP,
    /** An upstream job's run ended the way a {@code netcron.job_dependency} edge asks for. */
    DEPENDENCY;

    public static RunCause fromSqlName(String value)
    {
        return SqlEnum.fromSqlName(RunCause.class, value);
    }
}
