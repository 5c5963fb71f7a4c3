package io.netcron.job;

/** What happens to fire times missed while no node could run the job. */
public enum MisfirePolicy
        implements SqlEnum
{
    /** One catch-up run now, then the normal schedule. */
    FIRE_ONCE_NOW,
    /** No catch-up run; the missed times are recorded as skipped. */
    SKIP,
    /** Every missed time, in order, up to a cap. */
    CATCH_UP;

    public static MisfirePolicy fromSqlName(String value)
    {
        return SqlEnum.fromSqlName(MisfirePolicy.class, value);
    }
}
