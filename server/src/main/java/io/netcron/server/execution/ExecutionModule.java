package io.netcron.server.execution;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import io.netcron.credentials.Credentials;

/** The run path; other subsystems add {@link RunListener}s. */
public final class ExecutionModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        bind(JobRunner.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), RunListener.class);
        // script jobs read credentials when the node has a store (bound by the credentials module)
        OptionalBinder.newOptionalBinder(binder(), Credentials.class);
    }
}
