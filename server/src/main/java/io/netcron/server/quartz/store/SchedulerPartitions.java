package io.netcron.server.quartz.store;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The node's Quartz schedulers, one per partition of the jobs. Each partition is a scheduler name
 * of its own in the shared tables, so each has its own cluster-wide {@code TRIGGER_ACCESS} lock:
 * acquisitions and firings of different partitions proceed side by side instead of queueing
 * behind one row lock (docs/benchmarks.md, "Partitions"). A job, its cron trigger and every
 * one-shot trigger of it live in one partition, chosen by its name; every node runs every
 * partition, so each partition is a Quartz cluster of its own and fires each trigger once.
 * Partition 0 keeps the configured scheduler name, so a one-partition cluster is exactly the
 * cluster netcron ran before partitions existed.
 */
public final class SchedulerPartitions
{
    private final List<Scheduler> schedulers;

    public SchedulerPartitions(List<Scheduler> schedulers)
    {
        this.schedulers = List.copyOf(requireNonNull(schedulers, "schedulers is null"));
        if (this.schedulers.isEmpty()) {
            throw new IllegalArgumentException("at least one scheduler");
        }
    }

    public static SchedulerPartitions of(Scheduler scheduler)
    {
        return new SchedulerPartitions(List.of(scheduler));
    }

    /** The partition of a job: stable across nodes and restarts ({@link String#hashCode} is specified). */
    public static int index(String jobName, int partitions)
    {
        return Math.floorMod(jobName.hashCode(), partitions);
    }

    public List<Scheduler> all()
    {
        return schedulers;
    }

    public int count()
    {
        return schedulers.size();
    }

    /** The scheduler that owns this job's Quartz job and triggers. */
    public Scheduler forJob(String jobName)
    {
        return schedulers.get(index(jobName, schedulers.size()));
    }

    /** Partition 0: its scheduler name is the cluster's name. */
    public Scheduler first()
    {
        return schedulers.getFirst();
    }

    /** The scheduler names, partition 0 first. */
    public List<String> names()
    {
        return schedulers.stream().map(SchedulerPartitions::nameOf).toList();
    }

    /** Whether the partition named {@code schedulerName}, among {@code names} (partition 0 first), is this job's home. */
    public static boolean isHome(List<String> names, String schedulerName, String jobName)
    {
        return names.indexOf(schedulerName) == index(jobName, names.size());
    }

    /** Whether {@code scheduler} is this job's home partition (a job found elsewhere was left by a different partition count). */
    public boolean isHome(Scheduler scheduler, String jobName)
    {
        return forJob(jobName) == scheduler;
    }

    /** A partition's scheduler name (its {@code sched_name} in Quartz's tables). */
    public static String nameOf(Scheduler scheduler)
    {
        try {
            return scheduler.getSchedulerName();
        }
        catch (SchedulerException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
