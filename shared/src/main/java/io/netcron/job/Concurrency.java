package io.netcron.job;

/** Whether two runs of the same job may overlap anywhere in the cluster. */
public enum Concurrency
        implements SqlEnum
{
    FORBID,
    ALLOW;

    public static Concurrency fromSqlName(String value)
    {
        return SqlEnum.fromSqlName(Concurrency.class, value);
    }
}
