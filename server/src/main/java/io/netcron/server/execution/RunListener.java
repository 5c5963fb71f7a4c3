package io.netcron.server.execution;

/**
 * Told about every run on this node, on the run's thread, after the event is recorded. Bind one
 * with {@code Multibinder.newSetBinder(binder(), RunListener.class)}. A listener that throws is
 * logged and does not affect the run.
 */
@FunctionalInterface
public interface RunListener
{
    void onEvent(RunEvent event);
}
