package io.netcron.server.requests;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import io.netcron.server.execution.RunListener;
import io.netcron.server.lifecycle.Service;

/** Run-now requests: the {@code netcron.job_request} queue, its worker, and linking runs to requests. */
public final class RequestModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        bind(JobRequests.class).in(Scopes.SINGLETON);
        bind(RequestProcessor.class).in(Scopes.SINGLETON);
        bind(RequestService.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), RunListener.class).addBinding().to(RequestRunLinker.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), Service.class).addBinding().to(RequestService.class);
    }
}
