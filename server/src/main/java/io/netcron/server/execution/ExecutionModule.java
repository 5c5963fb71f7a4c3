package io.netcron.server.execution;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import io.netcron.server.progress.RunProgress;

/** The run path and its progress; other subsystems add {@link RunListener}s. */
public final class ExecutionModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        bind(JobRunner.class).in(Scopes.SINGLETON);
        bind(OwnRuns.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), RunListener.class);
        MapBinder.newMapBinder(binder(), Execution.Mode.class, Execution.class).addBinding(Execution.Mode.IN_PROCESS).to(InProcessExecution.class);
    }

    @Provides
    @Singleton
    RunProgress runProgress(RunRecorder recorder)
    {
        return new RunProgress(recorder::progress);
    }
}
