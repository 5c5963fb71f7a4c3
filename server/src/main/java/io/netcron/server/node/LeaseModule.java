package io.netcron.server.node;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import io.netcron.server.lifecycle.Service;

import static java.util.Objects.requireNonNull;

/** The node's lease, taken before the injector (a duplicate node id is refused before anything starts), its guard, and the check of the node's own runs. */
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
        Multibinder<Service> services = Multibinder.newSetBinder(binder(), Service.class);
        services.addBinding().to(LeaseGuard.class);
        services.addBinding().to(OwnRunCheck.class).in(Scopes.SINGLETON);
    }
}
