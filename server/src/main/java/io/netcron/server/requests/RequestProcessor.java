package io.netcron.server.requests;

import com.google.inject.Inject;
import io.netcron.server.catalog.JobCatalog;
import io.netcron.server.db.Database;
import io.netcron.server.db.Handle;
import io.netcron.server.execution.JobRunner;
import io.netcron.server.jobtable.JobRepository;
import io.netcron.server.jobtable.JobRow;
import io.netcron.server.node.NodeRegistry;
import io.netcron.server.node.LocalScheduler.LocalSchedulerException;
import io.netcron.server.quartz.firing.QuartzLocalScheduler;
import io.netcron.server.quartz.sync.ScheduleSync;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Handles run-now requests ({@code netcron.job_request}). A node claims one pending request at a
 * time with {@code FOR UPDATE SKIP LOCKED}, so each is handled by exactly one node while the nodes
 * share a burst between them. A valid request becomes a one-shot Quartz trigger in the clustered
 * store (any node may run it, and it survives the death of the node that claimed the request),
 * carrying the request's fire time ({@code job_request.scheduled_at}), cause {@code manual} (or
 * {@code dependency} for a request an upstream run made, see {@code sql/V012}) and the
 * params override; the request is marked handled in the same transaction that claimed it. An
 * invalid one gets {@code error} instead.
 */
public final class RequestProcessor
{
    private static final Logger log = LoggerFactory.getLogger(RequestProcessor.class);

    private final Database database;
    private final JobRepository jobs;
    private final QuartzLocalScheduler scheduler;
    private final ScheduleSync sync;
    private final JobCatalog catalog;
    private final NodeRegistry node;

    @Inject
    public RequestProcessor(Database database, JobRepository jobs, QuartzLocalScheduler scheduler, ScheduleSync sync, JobCatalog catalog, NodeRegistry node)
    {
        this.database = requireNonNull(database, "database is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.sync = requireNonNull(sync, "sync is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.node = requireNonNull(node, "node is null");
    }

    /**
     * Handles every pending request this node can claim, oldest first. A request that cannot be
     * handled yet (its job is not in the scheduler yet) stays pending; the result counts them so
     * the caller can come back soon.
     */
    public Pass processPending()
    {
        long cursor = 0;
        int handled = 0;
        int leftPending = 0;
        while (true) {
            long after = cursor;
            Optional<Claim> claim = database.inTransaction(handle -> {
                Optional<JobRequest> request = JobRequests.claimNext(handle, after);
                return request.isEmpty() ? Optional.<Claim>empty() : Optional.of(new Claim(request.get(), handle(handle, request.get())));
            });
            if (claim.isEmpty()) {
                return new Pass(handled, leftPending);
            }
            cursor = claim.get().request().id();
            if (claim.get().handled()) {
                handled++;
            }
            else {
                leftPending++;
            }
        }
    }

    /** What one pass over the pending requests did. */
    public record Pass(int handled, int leftPending) {}

    private record Claim(JobRequest request, boolean handled) {}

    /** Inside the claiming transaction: refuse, hand to Quartz, or leave pending (returns false). */
    private boolean handle(Handle handle, JobRequest request)
            throws SQLException
    {
        Optional<JobRow> row = JobRepository.find(handle, request.jobName(), false);
        if (row.isEmpty()) {
            return refuse(handle, request, "unknown job '" + request.jobName() + "' (no such row in netcron.job)");
        }
        if (!row.get().enabled() && !request.force()) {
            return refuse(handle, request, "job '" + request.jobName() + "' is paused (enabled = false); request it with force = true to run it anyway");
        }
        try {
            JobRunner.mergeParams(row.get().paramsJson(), request.paramsJson());
        }
        catch (IllegalArgumentException e) {
            return refuse(handle, request, "bad params: " + e.getMessage());
        }
        if (request.scheduledAt() == null) {
            return refuse(handle, request, "request has no scheduled_at (it is set when the request is inserted)");
        }
        try {
            if (!scheduler.hasJob(request.jobName())) {
                // inserted a moment ago and not applied yet: apply it now rather than wait
                sync.reconcile(request.jobName());
                if (!scheduler.hasJob(request.jobName())) {
                    Optional<String> reason = cannotSchedule(request.jobName());
                    if (reason.isPresent()) {
                        return refuse(handle, request, reason.get());
                    }
                    log.debug("Request {}: job {} is not in the scheduler yet; left for the next pass", request.id(), request.jobName());
                    return false;
                }
            }
            if (!scheduler.requestRun(new QuartzLocalScheduler.RunNow(request.id(), request.jobName(), request.scheduledAt(), request.cause().sqlName(), request.paramsJson()))) {
                // handed over before by a node that died before marking the request: the trigger is there
                log.info("Request {} was already handed to the scheduler", request.id());
            }
        }
        catch (LocalSchedulerException e) {
            log.warn("Request {} for job {}: the scheduler refused it ({}); left for the next pass", request.id(), request.jobName(), e.getMessage());
            return false;
        }
        JobRequests.handed(handle, request.id(), node.nodeId(), request.scheduledAt());
        log.info("Run-now request {} for job {} by {} handed to the cluster (fire time {})",
                request.id(), request.jobName(), request.requestedBy(), request.scheduledAt());
        return true;
    }

    /** Why a job whose row exists cannot get a Quartz job, when that is known. */
    private Optional<String> cannotSchedule(String jobName)
    {
        Optional<JobRow> row = jobs.find(jobName);
        if (row.isEmpty()) {
            return Optional.of("unknown job '" + jobName + "' (no such row in netcron.job)");
        }
        if (row.get().scheduleError() != null) {
            return Optional.of("job '" + jobName + "' cannot be scheduled: " + row.get().scheduleError());
        }
        if (catalog.find(row.get().implementation()).isEmpty() && !node.anyOtherLiveNodeKnows(row.get().implementation())) {
            return Optional.of("job '" + jobName + "' has implementation '" + row.get().implementation() + "', which no live node has");
        }
        return Optional.empty();
    }

    private boolean refuse(Handle handle, JobRequest request, String error)
            throws SQLException
    {
        JobRequests.refused(handle, request.id(), node.nodeId(), error);
        log.warn("Run-now request {} for job {} by {} refused: {}", request.id(), request.jobName(), request.requestedBy(), error);
        return true;
    }
}
