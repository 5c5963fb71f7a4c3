package io.netcron.server.jmx;

import com.google.inject.Inject;
import io.netcron.server.db.Database;
import io.netcron.server.jobtable.JobRepository;
import io.netcron.server.jobtable.JobRow;
import io.netcron.server.run.Progress;
import io.netcron.server.progress.ProgressStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Keeps one {@code io.netcron:type=Job,name=<job>} MBean per row of {@code netcron.job}: a refresh
 * registers new rows, updates the attributes of known ones and unregisters deleted ones, so jobs
 * appear and disappear in a console without a restart.
 */
public final class JobBeans
{
    private static final Logger log = LoggerFactory.getLogger(JobBeans.class);

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final JobRepository jobs;
    private final RunTotals totals;
    private final ProgressStore progress;
    private final JobOperations operations;
    private final Map<String, Registered> registered = new HashMap<>();
    private final Set<String> clashing = new HashSet<>();
    private boolean failing;

    @Inject
    public JobBeans(JobRepository jobs, RunTotals totals, JobOperations operations, Database database)
    {
        this.progress = new ProgressStore(requireNonNull(database, "database is null"));
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.totals = requireNonNull(totals, "totals is null");
        this.operations = requireNonNull(operations, "operations is null");
    }

    /** One refresh; a database problem is logged once (until it clears) and the beans keep their last values. */
    public synchronized void refresh()
    {
        List<JobRow> rows;
        Map<String, RunTotals.Totals> counts;
        Map<String, Progress> running;
        try {
            rows = jobs.findAll();
            counts = totals.all();
            running = progress.running();
        }
        catch (RuntimeException e) {
            if (!failing) {
                log.warn("Cannot refresh the job MBeans from netcron.job: {}", e.getMessage());
                failing = true;
            }
            return;
        }
        if (failing) {
            log.info("Job MBeans refresh works again");
            failing = false;
        }
        Set<String> present = new HashSet<>();
        for (JobRow row : rows) {
            present.add(row.name());
            RunTotals.Totals jobTotals = counts.getOrDefault(row.name(), RunTotals.Totals.NONE);
            Registered existing = registered.get(row.name());
            if (existing != null) {
                existing.bean().update(row, jobTotals);
                existing.bean().progress(running.get(row.name()));
                continue;
            }
            JobBean bean = new JobBean(row, jobTotals, operations, this::refresh);
            bean.progress(running.get(row.name()));
            ObjectName name = ObjectNames.job(row.name());
            try {
                server.registerMBean(new StandardMBean(bean, JobMXBean.class, true), name);
                registered.put(row.name(), new Registered(name, bean));
            }
            catch (InstanceAlreadyExistsException e) {
                if (clashing.add(row.name())) {
                    log.warn("MBean {} already exists (another node in this JVM?); not registered", name);
                }
            }
            catch (Exception e) {
                log.warn("Cannot register MBean {}: {}", name, e.getMessage());
            }
        }
        for (String gone : Set.copyOf(registered.keySet())) {
            if (!present.contains(gone)) {
                unregister(registered.remove(gone).name());
            }
        }
    }

    public synchronized void unregisterAll()
    {
        registered.values().forEach(entry -> unregister(entry.name()));
        registered.clear();
    }

    private void unregister(ObjectName name)
    {
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

    private record Registered(ObjectName name, JobBean bean) {}
}
