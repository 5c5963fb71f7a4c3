package io.netcron.server.control;

import com.google.inject.Inject;
import io.netcron.server.db.Database;
import io.netcron.server.jobtable.JobRepository;
import io.netcron.server.jobtable.JobRow;
import io.netcron.server.requests.JobRequest;
import io.netcron.server.requests.JobRequests;
import io.netcron.server.schedule.InvalidScheduleException;
import io.netcron.server.schedule.NextFire;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What an operator can do to a job without SQL (the CLI, later JMX): every operation is an edit of
 * {@code netcron.job} or an insert into {@code netcron.job_request}, so it is audited and reaches
 * every node the same way a SQL edit does. Refusals throw {@link ControlException} with a one-line
 * reason.
 */
public final class JobControl
{
    private final Database database;
    private final JobRepository jobs;
    private final JobRequests requests;

    @Inject
    public JobControl(Database database, JobRepository jobs, JobRequests requests)
    {
        this.database = requireNonNull(database, "database is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.requests = requireNonNull(requests, "requests is null");
    }

    public static JobControl on(Database database)
    {
        return new JobControl(database, new JobRepository(database), new JobRequests(database));
    }

    public JobRow job(String name)
    {
        return jobs.find(name).orElseThrow(() -> new ControlException("unknown job '" + name + "' (see netcron jobs)"));
    }

    /** Pauses or resumes; returns false when the job already was in that state. */
    public boolean setEnabled(String name, boolean enabled)
    {
        job(name);
        return database.update("UPDATE netcron.job SET enabled = ? WHERE name = ? AND enabled <> ?", enabled, name, enabled) == 1;
    }

    /**
     * Sets the schedule (empty: on demand only) and optionally the time zone, after checking both
     * the way the nodes will; returns false when nothing changed.
     */
    public boolean setSchedule(String name, Optional<String> schedule, Optional<String> timeZone)
    {
        JobRow row = job(name);
        timeZone.ifPresent(JobControl::checkTimeZone);
        String newZone = timeZone.orElse(row.timeZone());
        try {
            if (schedule.isPresent() && NextFire.after(schedule.get(), ZoneId.of(newZone), Instant.now()).isEmpty()) {
                throw new ControlException(InvalidScheduleException.neverFires(schedule.get()).getMessage());
            }
        }
        catch (InvalidScheduleException | DateTimeException e) {
            throw new ControlException(e.getMessage());
        }
        return database.update("""
                        UPDATE netcron.job SET schedule = ?, time_zone = ?
                        WHERE name = ? AND (schedule IS DISTINCT FROM ? OR time_zone IS DISTINCT FROM ?)""",
                schedule.orElse(null), newZone, name, schedule.orElse(null), newZone) == 1;
    }

    /**
     * Asks the cluster to run the job once now; returns the request id. A paused job is refused
     * unless {@code force}.
     */
    public long requestRun(String name, Optional<String> paramsJson, boolean force, String requestedBy)
    {
        JobRow row = job(name);
        if (!row.enabled() && !force) {
            throw new ControlException("job '" + name + "' is paused; resume it or force the run");
        }
        return requests.insert(name, paramsJson, force, requestedBy);
    }

    public Optional<JobRequest> request(long id)
    {
        return requests.find(id);
    }

    private static void checkTimeZone(String zone)
    {
        try {
            ZoneId.of(zone);
        }
        catch (DateTimeException e) {
            throw new ControlException("unknown time zone '" + zone + "' (use an IANA name such as Europe/Berlin)");
        }
    }
}
