package io.netcron.server.jmx;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import io.netcron.server.lifecycle.Service;

/** The JMX console surface: Node, Cluster and one MBean per job under {@code io.netcron}; remote JMX when configured. */
public final class JmxModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        bind(NodeBean.class).in(Scopes.SINGLETON);
        bind(ClusterBean.class).in(Scopes.SINGLETON);
        bind(JobBeans.class).in(Scopes.SINGLETON);
        bind(JobOperations.class).in(Scopes.SINGLETON);
        bind(RunTotals.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), Service.class).addBinding().to(JmxService.class).in(Scopes.SINGLETON);
    }
}
