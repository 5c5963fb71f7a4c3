package io.netcron.server.jmx;

import com.google.inject.Inject;
import io.netcron.server.config.JmxConfig;
import io.netcron.server.lifecycle.PeriodicTask;
import io.netcron.server.lifecycle.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Registers netcron's MBeans on the platform MBean server (which local consoles attach to), keeps
 * the job MBeans in line with {@code netcron.job}, and runs the remote connector when
 * {@code jmx.port} is set. Quartz's own scheduler MBean ({@code quartz:type=QuartzScheduler,...}) only with {@code jmx.quartz-mbean}.
 */
public final class JmxService
        implements Service
{
    private static final Logger log = LoggerFactory.getLogger(JmxService.class);

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final JmxConfig config;
    private final NodeBean node;
    private final ClusterBean cluster;
    private final JobBeans jobs;
    private final List<ObjectName> registered = new ArrayList<>();
    private PeriodicTask refresher;
    private RemoteJmx remote;

    @Inject
    public JmxService(JmxConfig config, NodeBean node, ClusterBean cluster, JobBeans jobs)
    {
        this.config = requireNonNull(config, "config is null");
        this.node = requireNonNull(node, "node is null");
        this.cluster = requireNonNull(cluster, "cluster is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
    }

    @Override
    public void start()
            throws Exception
    {
        register(ObjectNames.node(), new StandardMBean(node, NodeMXBean.class, true));
        register(ObjectNames.cluster(), new StandardMBean(cluster, ClusterMXBean.class, true));
        jobs.refresh();
        // its own guard, to log the stack trace: a failing refresh is usually a bug in a bean
        refresher = PeriodicTask.every(config.refreshInterval(), "netcron-jmx-refresh", log, "Job MBeans refresh", this::refresh);
        if (config.remote()) {
            remote = RemoteJmx.start(config);
        }
    }

    private void refresh()
    {
        try {
            jobs.refresh();
        }
        catch (RuntimeException e) {
            log.warn("Job MBeans refresh failed: {}", e.getMessage(), e);
        }
    }

    private void register(ObjectName name, Object bean)
            throws Exception
    {
        try {
            server.registerMBean(bean, name);
            registered.add(name);
        }
        catch (InstanceAlreadyExistsException e) {
            log.warn("MBean {} already exists (another node in this JVM?); not registered", name);
        }
    }

    @Override
    public void stop()
    {
        if (remote != null) {
            remote.close();
        }
        if (refresher != null) {
            refresher.close();
        }
        jobs.unregisterAll();
        for (ObjectName name : registered) {
            try {
                server.unregisterMBean(name);
            }
            catch (InstanceNotFoundException e) {
                // already gone
            }
            catch (Exception e) {
                log.warn("Cannot unregister MBean {}: {}", name, e.getMessage());
            }
        }
        registered.clear();
    }
}
