package io.netcron.server.isolation;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import io.netcron.server.execution.Execution;

/** Isolated jobs run in a child JVM. */
public final class IsolationModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        MapBinder.newMapBinder(binder(), Execution.Mode.class, Execution.class).addBinding(Execution.Mode.ISOLATED).to(IsolatedExecution.class);
    }
}
