package io.netcron.server.http;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import io.netcron.server.http.ui.Dashboard;
import io.netcron.server.lifecycle.Service;

/**
 * The management HTTP port. Started before the scheduler and stopped after it, so
 * {@code /health/ready} says "not started" while a node starts and "standby" while it drains.
 */
public final class HttpModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        bind(Readiness.class).in(Scopes.SINGLETON);
        bind(Dashboard.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), Service.class).addBinding().to(HttpService.class).in(Scopes.SINGLETON);
    }
}
