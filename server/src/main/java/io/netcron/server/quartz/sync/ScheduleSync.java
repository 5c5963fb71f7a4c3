package io.netcron.server.quartz.sync;

import io.netcron.server.quartz.firing.NetcronQuartzJob;
import io.netcron.server.quartz.store.QuartzKeys;
import io.netcron.server.quartz.store.SchedulerPartitions;
import io.netcron.server.quartz.store.TriggerLock;
import io.netcron.server.quartz.triggers.CronTriggers;
import io.netcron.server.schedule.InvalidScheduleException;

import com.google.inject.Inject;
import io.netcron.server.catalog.JobCatalog;
import io.netcron.server.catalog.JobType;
import io.netcron.server.db.Database;
import io.netcron.server.db.Handle;
import io.netcron.server.jobtable.JobRepository;
import io.netcron.server.jobtable.JobRow;
import io.netcron.server.node.NodeRegistry;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Makes Quartz match {@code netcron.job}. Each row version is applied once, by one node, under a
 * per-job advisory lock: a node that sees a version already applied leaves Quartz alone, so nodes
 * never undo each other. The lock is only tried, never waited for: when several nodes get the same
 * change notifications they spread the jobs among themselves instead of queueing behind each other,
 * and a node that finds a job locked is told so (it is returned as busy) and checks it again
 * shortly, in case the holder read the row before the latest change. A row Quartz cannot use keeps
 * the previous trigger in force and gets the reason in {@code schedule_error}.
 *
 * <p>Jobs are applied in chunks: new jobs of a chunk go to Quartz in one call per partition (one
 * acquisition of the partition's cluster-wide trigger lock instead of one per job), so a few
 * hundred rows inserted at once are firing within about a second.
 *
 * <p>Each job lives in one partition ({@link SchedulerPartitions#forJob}); a job found in another
 * partition (the cluster's partition count changed) is moved: removed there, then stored in its
 * partition starting after the old trigger's last fire time.
 */
public final class ScheduleSync
{
    private static final Logger log = LoggerFactory.getLogger(ScheduleSync.class);
    static final int CHUNK_SIZE = 50;

    private final SchedulerPartitions schedulers;
    private final Database database;
    private final JobRepository jobs;
    private final JobCatalog catalog;
    private final NodeRegistry node;

    @Inject
    public ScheduleSync(SchedulerPartitions schedulers, Database database, JobRepository jobs, JobCatalog catalog, NodeRegistry node)
    {
        this.schedulers = requireNonNull(schedulers, "schedulers is null");
        this.database = requireNonNull(database, "database is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.node = requireNonNull(node, "node is null");
    }

    /** Inserts each discovered type's defaults once; later starts never overwrite an operator's edits. */
    public void insertDiscoveredDefaults()
    {
        for (JobType type : catalog.types()) {
            if (jobs.insertDefaults(type)) {
                log.info("New job {} ({}) registered with schedule {}", type.name(), type.implementation(), type.defaults().schedule().orElse("on demand"));
            }
        }
    }

    /**
     * Applies every row that changed since it was last applied, and removes Quartz jobs whose row is
     * gone. A job another node is applying right now is left to that node (and to the next pass).
     */
    public synchronized void reconcileAll()
    {
        List<JobRow> rows = jobs.findAll();
        Optional<Map<String, Long>> applied = appliedVersions();
        Set<String> names = new HashSet<>();
        List<String> unknown = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (JobRow row : rows) {
            names.add(row.name());
            if (catalog.find(row.implementation()).isEmpty()) {
                unknown.add(row.name());
            }
            try {
                long version;
                if (applied.isPresent()) {
                    version = applied.get().getOrDefault(row.name(), -1L);
                }
                else {
                    JobDetail detail = schedulers.forJob(row.name()).getJobDetail(QuartzKeys.jobKey(row.name()));
                    version = detail == null ? -1 : QuartzKeys.appliedVersion(detail);
                }
                if (version < 0 || version < row.version()) {
                    changed.add(row.name());
                }
            }
            catch (SchedulerException | RuntimeException e) {
                log.warn("Could not read job {} from Quartz: {}", row.name(), e.getMessage(), e);
            }
        }
        node.forgetUnknownJobs(unknown);
        try {
            for (Scheduler scheduler : schedulers.all()) {
                for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(QuartzKeys.GROUP))) {
                    if (!names.contains(key.getName()) || !schedulers.isHome(scheduler, key.getName())) {
                        changed.add(key.getName());
                    }
                }
            }
        }
        catch (SchedulerException | RuntimeException e) {
            log.warn("Could not list Quartz jobs: {}", e.getMessage(), e);
        }
        reconcile(changed);
    }

    /** Applies one job's current row (or its deletion); false when another node is applying it right now. */
    public boolean reconcile(String jobName)
    {
        return reconcile(List.of(jobName)).isEmpty();
    }

    /**
     * Applies these jobs' current rows (or their deletion) and returns the ones another node (or
     * thread) is applying right now: call again for those shortly, since the holder may have read
     * the row before the latest change. Failures are logged; the periodic reconcile retries them.
     */
    public Set<String> reconcile(Collection<String> jobNames)
    {
        List<String> names = List.copyOf(new LinkedHashSet<>(jobNames));
        Set<String> busy = new LinkedHashSet<>();
        for (int from = 0; from < names.size(); from += CHUNK_SIZE) {
            List<String> chunk = names.subList(from, Math.min(names.size(), from + CHUNK_SIZE));
            try {
                busy.addAll(applyChunk(chunk));
            }
            catch (RuntimeException e) {
                log.warn("Could not apply jobs {}: {}", chunk.size() == 1 ? chunk.getFirst() : chunk.size() + " changed jobs", e.getMessage(), e);
            }
        }
        return busy;
    }

    /** One transaction holding the advisory locks of the chunk's jobs that no one else holds. */
    private Set<String> applyChunk(List<String> names)
    {
        return database.inTransaction(handle -> {
            Set<String> locked = new LinkedHashSet<>(handle.query("""
                            SELECT name FROM unnest(?::text[]) AS job(name)
                            WHERE pg_try_advisory_xact_lock(hashtext('netcron.job'), hashtext(name))""",
                    row -> row.getString(1), handle.connection().createArrayOf("text", names.toArray())));
            Set<String> busy = new LinkedHashSet<>(names);
            busy.removeAll(locked);
            if (locked.isEmpty()) {
                return busy;
            }
            Map<String, JobRow> rows = new LinkedHashMap<>();
            for (JobRow row : JobRepository.findAll(handle, locked)) {
                rows.put(row.name(), row);
            }
            Map<String, Instant> changedAt = JobRepository.updatedAt(handle, rows.keySet());
            Set<String> misplaced = misplaced(handle, locked);
            Map<JobRow, NewJob> newJobs = new LinkedHashMap<>();
            List<Update> updates = new ArrayList<>();
            List<JobKey> deleted = new ArrayList<>();
            for (String name : locked) {
                try {
                    List<Trigger> moved = misplaced.contains(name) ? removeFromOtherPartitions(name) : List.of();
                    JobRow row = rows.get(name);
                    if (row == null) {
                        if (schedulers.forJob(name).checkExists(QuartzKeys.jobKey(name))) {
                            deleted.add(QuartzKeys.jobKey(name));
                        }
                    }
                    else {
                        prepare(handle, row, changedAt.get(name), moved, newJobs, updates);
                    }
                }
                catch (SchedulerException e) {
                    log.warn("Could not apply job {}: Quartz refused the change: {}", name, e.getMessage(), e);
                }
            }
            unscheduleDeleted(deleted);
            applyUpdates(handle, updates);
            scheduleNewJobs(handle, newJobs);
            return busy;
        });
    }

    /** Jobs of these names that Quartz holds in a partition not their own: one indexed read, not a Quartz call per job and partition. */
    private Set<String> misplaced(Handle handle, Collection<String> names)
            throws SQLException
    {
        if (schedulers.count() == 1) {
            return Set.of();
        }
        List<String> partitions = schedulers.names();
        Set<String> misplaced = new HashSet<>();
        handle.query("SELECT sched_name, job_name FROM netcron.qrtz_job_details WHERE sched_name = ANY(?) AND job_group = ? AND job_name = ANY(?)",
                        row -> Map.entry(row.getString(1), row.getString(2)),
                        partitions.toArray(String[]::new), QuartzKeys.GROUP, names.toArray(String[]::new))
                .stream()
                .filter(job -> !SchedulerPartitions.isHome(partitions, job.getKey(), job.getValue()))
                .forEach(job -> misplaced.add(job.getValue()));
        return misplaced;
    }

    /**
     * A job left in a partition that is not its own (the partition count changed) is removed there;
     * returns its cron triggers as they were, so the trigger stored in its own partition starts
     * after their last fire time.
     */
    private List<Trigger> removeFromOtherPartitions(String name)
            throws SchedulerException
    {
        List<Trigger> previous = new ArrayList<>();
        for (Scheduler scheduler : schedulers.all()) {
            JobKey key = QuartzKeys.jobKey(name);
            if (!schedulers.isHome(scheduler, name) && scheduler.checkExists(key)) {
                previous.addAll(currentTriggers(scheduler, key));
                scheduler.deleteJob(key);
                log.info("Job {} moved to its partition {} (from {})", name, schedulers.forJob(name).getSchedulerName(), scheduler.getSchedulerName());
            }
        }
        return previous;
    }

    /** Jobs whose row is gone: removed from Quartz with all their triggers, in one Quartz call per partition. */
    private void unscheduleDeleted(List<JobKey> deleted)
    {
        if (deleted.isEmpty()) {
            return;
        }
        for (Map.Entry<Scheduler, List<JobKey>> partition : byPartition(deleted, JobKey::getName).entrySet()) {
            try {
                partition.getKey().deleteJobs(partition.getValue());
                partition.getValue().forEach(key -> log.info("Job {} was deleted from netcron.job; unscheduled", key.getName()));
            }
            catch (SchedulerException e) {
                log.warn("Could not unschedule {} deleted jobs: {}", partition.getValue().size(), e.getMessage(), e);
            }
        }
    }

    private <T> Map<Scheduler, List<T>> byPartition(Collection<T> items, Function<T, String> jobName)
    {
        Map<Scheduler, List<T>> byPartition = new LinkedHashMap<>();
        for (T item : items) {
            byPartition.computeIfAbsent(schedulers.forJob(jobName.apply(item)), ignored -> new ArrayList<>()).add(item);
        }
        return byPartition;
    }

    /** A new job and its trigger (if it has a schedule), to be stored with the other new jobs. */
    private record NewJob(JobDetail detail, Optional<CronTrigger> trigger) {}

    /**
     * A changed row of a job Quartz already has, its schedule trigger already made right: the
     * trigger to pause (a disabled row) and the job detail carrying the new version, both written
     * with the chunk's other updates, and the trigger in force.
     */
    private record Update(JobRow row, JobDetail detail, Optional<TriggerKey> pause, Optional<Trigger> active) {}

    /**
     * Prepares a changed row: a new job to store, or an update of a job Quartz already has (a
     * changed schedule is applied here, one job at a time; pauses and job details are written
     * in bulk). Rows that cannot be applied get their schedule error.
     */
    private void prepare(Handle handle, JobRow row, Instant changedAt, List<Trigger> moved, Map<JobRow, NewJob> newJobs, List<Update> updates)
            throws SchedulerException, SQLException
    {
        Scheduler scheduler = schedulers.forJob(row.name());
        JobKey jobKey = QuartzKeys.jobKey(row.name());
        JobDetail existing = scheduler.getJobDetail(jobKey);
        if (existing != null && QuartzKeys.appliedVersion(existing) >= row.version()) {
            return;
        }
        if (catalog.find(row.implementation()).isEmpty()) {
            unknownImplementation(handle, row);
            return;
        }
        List<Trigger> current = existing == null ? moved : currentTriggers(scheduler, jobKey);
        Optional<CronTrigger> desired;
        try {
            desired = CronTriggers.desired(row, CronTriggers.startAt(changedAt, current));
        }
        catch (InvalidScheduleException e) {
            if (!e.getMessage().equals(row.scheduleError())) {
                log.warn("Job {}: {}; the previous schedule stays in force", row.name(), e.getMessage());
            }
            JobRepository.recordScheduleError(handle, row.name(), row.version(), e.getMessage());
            return;
        }
        JobDetail detail = JobBuilder.newJob(NetcronQuartzJob.class)
                .withIdentity(jobKey)
                .withDescription(truncate(row.description(), 250))
                .storeDurably()
                .requestRecovery(row.recoverable())
                .usingJobData(QuartzKeys.VERSION, Long.toString(row.version()))
                .build();
        if (existing == null) {
            newJobs.put(row, new NewJob(detail, desired));
            return;
        }
        updates.add(applyTrigger(scheduler, row, detail, current, desired));
    }

    /** Makes the job's cron trigger the desired one; pausing an existing trigger is left to the chunk's update. */
    private static Update applyTrigger(Scheduler scheduler, JobRow row, JobDetail detail, List<Trigger> current, Optional<CronTrigger> desired)
            throws SchedulerException
    {
        Optional<Trigger> same = desired.flatMap(wanted -> current.stream().filter(trigger -> CronTriggers.sameSchedule(trigger, wanted)).findFirst());
        for (Trigger trigger : current) {
            if (same.isEmpty() || !trigger.getKey().equals(same.get().getKey())) {
                scheduler.unscheduleJob(trigger.getKey());
            }
        }
        if (desired.isEmpty()) {
            return new Update(row, detail, Optional.empty(), Optional.empty());
        }
        if (same.isEmpty()) {
            scheduler.scheduleJob(desired.get());
            if (!row.enabled()) {
                // a new schedule (rare in bulk) is paused at once: it could fall due before the chunk's pauses
                scheduler.pauseTrigger(desired.get().getKey());
            }
            return new Update(row, detail, Optional.empty(), Optional.of(desired.get()));
        }
        Trigger.TriggerState state = scheduler.getTriggerState(same.get().getKey());
        if (!row.enabled() && state != Trigger.TriggerState.PAUSED) {
            return new Update(row, detail, Optional.of(same.get().getKey()), same);
        }
        if (row.enabled() && state == Trigger.TriggerState.PAUSED) {
            // resuming applies the misfire policy to the fire times missed while paused
            scheduler.resumeTrigger(same.get().getKey());
            return new Update(row, detail, Optional.empty(), Optional.ofNullable(scheduler.getTrigger(same.get().getKey())));
        }
        return new Update(row, detail, Optional.empty(), same);
    }

    /**
     * Writes the chunk's updates, per partition: the pauses in one statement, then the job details
     * in one Quartz call. The detail carries the applied version, so it is written last: an update
     * whose pause failed keeps its old version and is tried again. One by one, two cluster-lock
     * transactions per job, a few hundred jobs disabled at once (the end of an overload) kept
     * firing for 15 s behind the firing path (docs/benchmarks.md).
     */
    private void applyUpdates(Handle handle, List<Update> updates)
            throws SQLException
    {
        List<Update> stored = new ArrayList<>();
        for (Map.Entry<Scheduler, List<Update>> partition : byPartition(updates, update -> update.row().name()).entrySet()) {
            Scheduler scheduler = partition.getKey();
            List<Update> ready = new ArrayList<>(partition.getValue());
            if (!pause(scheduler, ready.stream().flatMap(update -> update.pause().stream()).map(TriggerKey::getName).toList())) {
                ready.removeIf(update -> update.pause().isPresent());
            }
            stored.addAll(store(scheduler, ready, Update::detail, update -> Set.of()));
        }
        recordApplied(handle, stored.stream().map(update -> Map.entry(update.row(), update.active())).toList());
    }

    /** Pauses these triggers of the partition in one statement ({@link TriggerLock#pause}); false, logged, if that failed. */
    private boolean pause(Scheduler scheduler, List<String> triggerNames)
    {
        try {
            TriggerLock.pause(database, SchedulerPartitions.nameOf(scheduler), triggerNames);
            return true;
        }
        catch (RuntimeException e) {
            log.warn("Could not pause {} disabled jobs: {}", triggerNames.size(), e.getMessage(), e);
            return false;
        }
    }

    /** Stores jobs (with their triggers) in one Quartz call; if Quartz refuses the batch, one by one so a bad one cannot block the rest. Returns those stored. */
    private static <T> List<T> store(Scheduler scheduler, List<T> jobs, Function<T, JobDetail> detail, Function<T, Set<? extends Trigger>> triggers)
    {
        if (jobs.isEmpty()) {
            return List.of();
        }
        Map<JobDetail, Set<? extends Trigger>> batch = new LinkedHashMap<>();
        jobs.forEach(job -> batch.put(detail.apply(job), triggers.apply(job)));
        try {
            scheduler.scheduleJobs(batch, true);
            return jobs;
        }
        catch (SchedulerException e) {
            log.warn("Quartz refused {} jobs as a batch ({}); storing them one by one", batch.size(), e.getMessage());
        }
        List<T> stored = new ArrayList<>();
        for (T job : jobs) {
            try {
                scheduler.scheduleJob(detail.apply(job), triggers.apply(job), true);
                stored.add(job);
            }
            catch (SchedulerException single) {
                log.warn("Could not apply job {}: Quartz refused it: {}", detail.apply(job).getKey().getName(), single.getMessage());
            }
        }
        return stored;
    }

    /** New jobs of a chunk: stored in one Quartz call per partition, then the disabled ones paused in one statement. */
    private void scheduleNewJobs(Handle handle, Map<JobRow, NewJob> newJobs)
            throws SQLException
    {
        List<Map.Entry<JobRow, Optional<Trigger>>> applied = new ArrayList<>();
        for (Map.Entry<Scheduler, List<Map.Entry<JobRow, NewJob>>> partition : byPartition(newJobs.entrySet(), entry -> entry.getKey().name()).entrySet()) {
            Scheduler scheduler = partition.getKey();
            List<Map.Entry<JobRow, NewJob>> stored = store(scheduler, partition.getValue(), entry -> entry.getValue().detail(), entry -> entry.getValue().trigger().map(Set::of).orElse(Set.of()));
            pause(scheduler, stored.stream().filter(entry -> !entry.getKey().enabled())
                    .flatMap(entry -> entry.getValue().trigger().stream()).map(trigger -> trigger.getKey().getName()).toList());
            stored.forEach(entry -> applied.add(Map.entry(entry.getKey(), entry.getValue().trigger().map(Trigger.class::cast))));
        }
        recordApplied(handle, applied);
    }

    /** Records each applied row's version and next fire time (rows and the trigger in force, if any) in one statement. */
    private static void recordApplied(Handle handle, List<Map.Entry<JobRow, Optional<Trigger>>> applied)
            throws SQLException
    {
        if (applied.isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>();
        List<Long> versions = new ArrayList<>();
        List<Instant> nextFires = new ArrayList<>();
        for (Map.Entry<JobRow, Optional<Trigger>> entry : applied) {
            names.add(entry.getKey().name());
            versions.add(entry.getKey().version());
            nextFires.add(nextFire(entry.getKey(), entry.getValue().orElse(null)));
        }
        JobRepository.recordApplied(handle, names, versions, nextFires);
        for (int i = 0; i < names.size(); i++) {
            logApplied(applied.get(i).getKey(), nextFires.get(i));
        }
    }

    private static Instant nextFire(JobRow row, Trigger active)
    {
        return row.enabled() && active != null && active.getNextFireTime() != null ? active.getNextFireTime().toInstant() : null;
    }

    private static void logApplied(JobRow row, Instant nextFire)
    {
        log.info("Job {} version {} applied: schedule {}, {}, next fire {}",
                row.name(), row.version(), row.schedule().orElse("on demand"), row.enabled() ? "enabled" : "paused", nextFire);
    }

    /**
     * This node lacks the row's implementation. If another live node has it, that node applies the
     * row (a rolling deploy with mixed versions); if none has it, the row gets a schedule error and
     * any previous trigger stays as it was.
     */
    private void unknownImplementation(Handle handle, JobRow row)
            throws SQLException
    {
        if (node.anyOtherLiveNodeKnows(row.implementation())) {
            node.reportUnknownJob(row.name(), row.implementation());
            return;
        }
        String error = "unknown implementation '" + row.implementation() + "': no live node has it (job types: "
                + String.join(", ", catalog.types().stream().map(JobType::name).sorted().toList()) + ")";
        if (!error.equals(row.scheduleError())) {
            log.warn("Job {}: {}", row.name(), error);
        }
        JobRepository.recordScheduleError(handle, row.name(), row.version(), error);
    }

    /** A job's schedule (cron) triggers in Quartz, normally at most one; run-now, retry and hand-off triggers live in other groups. */
    public static List<Trigger> currentTriggers(Scheduler scheduler, JobKey jobKey)
            throws SchedulerException
    {
        return scheduler.getTriggersOfJob(jobKey).stream()
                .filter(trigger -> QuartzKeys.GROUP.equals(trigger.getKey().getGroup()))
                .map(Trigger.class::cast)
                .toList();
    }

    /**
     * The version each job's Quartz detail carries, read in one statement (its job data as Quartz
     * stores it with {@code useProperties}: a {@link Properties} text). Reading the details through
     * Quartz took a transaction per job on Quartz's pool every reconcile, on every node: at 1,000
     * jobs that was 300 transactions a second for three nodes, competing with firing for Quartz's
     * connections and the CPU. Empty when it cannot be read (the reconcile then asks Quartz per job).
     */
    private Optional<Map<String, Long>> appliedVersions()
    {
        try {
            return Optional.of(appliedVersions(database, schedulers.names()));
        }
        catch (RuntimeException e) {
            log.warn("Could not read the applied job versions in bulk ({}); asking Quartz job by job", e.getMessage());
            return Optional.empty();
        }
    }

    static Map<String, Long> appliedVersions(Database database, List<String> names)
    {
        List<Map.Entry<String, Long>> versions = database.query("SELECT sched_name, job_name, job_data FROM netcron.qrtz_job_details WHERE sched_name = ANY(?) AND job_group = ?", row -> {
            if (!SchedulerPartitions.isHome(names, row.getString("sched_name"), row.getString("job_name"))) {
                return null; // left in another partition: not applied (the reconcile moves it)
            }
            Properties data = new Properties();
            byte[] bytes = row.getBytes("job_data");
            if (bytes != null) {
                try {
                    data.load(new ByteArrayInputStream(bytes));
                }
                catch (IOException e) {
                    throw new SQLException("job data of " + row.getString("job_name") + " does not read as properties: " + e.getMessage(), e);
                }
            }
            String version = data.getProperty(QuartzKeys.VERSION);
            return Map.entry(row.getString("job_name"), version == null ? 0L : Long.parseLong(version));
        }, names.toArray(String[]::new), QuartzKeys.GROUP);
        Map<String, Long> byJob = new HashMap<>();
        versions.stream().filter(java.util.Objects::nonNull).forEach(entry -> byJob.put(entry.getKey(), entry.getValue()));
        return byJob;
    }

    private static String truncate(String text, int max)
    {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
