package io.netcron.server.control;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import io.netcron.server.execution.RunListener;
import io.netcron.server.lifecycle.Service;

/** Operator control through the netcron tables: change notifications, run-now requests. */
public final class ControlModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        bind(JobRequests.class).in(Scopes.SINGLETON);
        bind(RequestProcessor.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), RunListener.class).addBinding().to(RequestRunLinker.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), Service.class).addBinding().to(ControlService.class).in(Scopes.SINGLETON);
    }
}
