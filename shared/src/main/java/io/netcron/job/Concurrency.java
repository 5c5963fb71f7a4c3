package io.netcron.job;

import java.util.Locale;

/** Whether two runs of the same job may overlap anywhere in the cluster. */
public enum Concurrency
{
    FORBID,
    ALLOW;

    public String sqlName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Concurrency fromSqlName(String value)
    {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
