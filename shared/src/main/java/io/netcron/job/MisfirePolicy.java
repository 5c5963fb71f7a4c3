package io.netcron.job;

import java.util.Locale;

/** What happens to fire times missed while no node could run the job. */
public enum MisfirePolicy
{
    /** One catch-up run now, then the normal schedule. */
    FIRE_ONCE_NOW,
    /** No catch-up run; the missed times are recorded as skipped. */
    SKIP,
    /** Every missed time, in order, up to a cap. */
    CATCH_UP;

    public String sqlName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MisfirePolicy fromSqlName(String value)
    {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
