package io.netcron.server.changes;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import io.netcron.server.lifecycle.Service;

/** Change propagation: edits of {@code netcron.job} reach this node's scheduler through LISTEN/NOTIFY. */
public final class ChangeModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        Multibinder.newSetBinder(binder(), Service.class).addBinding().to(ChangeService.class).in(Scopes.SINGLETON);
    }
}
