package io.netcron.server.node;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import io.netcron.cluster.ClusterView;
import io.netcron.server.lifecycle.Service;

public final class NodeModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        bind(NodeRegistry.class).in(Scopes.SINGLETON);
        bind(ClusterView.class).to(DatabaseClusterView.class).in(Scopes.SINGLETON);
        Multibinder<Service> services = Multibinder.newSetBinder(binder(), Service.class);
        services.addBinding().to(NodeService.class).in(Scopes.SINGLETON);
        services.addBinding().to(AbandonedRunSweeper.class).in(Scopes.SINGLETON);
    }
}
