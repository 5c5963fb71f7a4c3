package io.netcron.fanout;

/** The work for one target; throw {@link io.netcron.target.TargetException} to say how it failed. */
@FunctionalInterface
public interface TargetTask<T>
{
    TargetResult run(T target, TargetScope scope)
            throws Exception;
}
