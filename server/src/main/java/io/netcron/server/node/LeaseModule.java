package io.netcron.server.node;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import io.netcron.server.lifecycle.Service;

import static java.util.Objects.requireNonNull;

/** The node's lease, taken before the injector (a duplicate node id is refused before anything starts), and its guard. */
public final class LeaseModule
        extends AbstractModule
{
    private final NodeLease lease;

    public LeaseModule(NodeLease lease)
    {
        this.lease = requireNonNull(lease, "lease is null");
    }

    @Override
    protected void configure()
    {
        bind(NodeLease.class).toInstance(lease);
        bind(LeaseGuard.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), Service.class).addBinding().to(LeaseGuard.class);
    }
}
