package io.netcron.server.script;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import io.netcron.server.execution.Execution;

/** Script jobs (shell, Python) run as child processes. */
public final class ScriptModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        MapBinder.newMapBinder(binder(), Execution.Mode.class, Execution.class).addBinding(Execution.Mode.SCRIPT).to(ScriptExecution.class);
    }
}
