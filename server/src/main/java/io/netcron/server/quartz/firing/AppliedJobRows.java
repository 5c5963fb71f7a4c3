package io.netcron.server.quartz.firing;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.netcron.server.db.Transient;
import io.netcron.server.jobtable.JobRepository;
import io.netcron.server.jobtable.JobRow;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import static java.util.Objects.requireNonNull;

/**
 * The {@code netcron.job} rows that firings run, read once per version that Quartz has applied
 * (the job detail's {@code netcron.version}) instead of once per firing: a per-second job no longer
 * costs a row read and a commit every second. A firing runs the version its job detail carries;
 * an edit reaches firings once {@code ScheduleSync} has applied it (on the change's notification,
 * within a second), as it reaches the schedule. A row deleted but not yet removed from Quartz may
 * run one more time within that second.
 */
@Singleton
public final class AppliedJobRows
{
    private final JobRepository jobs;
    private final ConcurrentMap<String, JobRow> rows = new ConcurrentHashMap<>();

    @Inject
    public AppliedJobRows(JobRepository jobs)
    {
        this.jobs = requireNonNull(jobs, "jobs is null");
    }

    /** The job's row at {@code appliedVersion}, read from the database when not known yet (or another version). */
    public Optional<JobRow> find(String jobName, long appliedVersion)
    {
        JobRow known = rows.get(jobName);
        if (known != null && known.version() == appliedVersion) {
            return Optional.of(known);
        }
        Optional<JobRow> row = Transient.retry("Reading job " + jobName, () -> jobs.find(jobName));
        row.ifPresentOrElse(current -> rows.put(jobName, current), () -> rows.remove(jobName));
        return row;
    }
}
