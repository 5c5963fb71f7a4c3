package io.netcron.server.requests;

import com.google.inject.Inject;
import io.netcron.job.RunCause;
import io.netcron.server.execution.RunEvent;
import io.netcron.server.execution.RunListener;

import static java.util.Objects.requireNonNull;

/**
 * Fills {@code job_request.run_id} when a requested run starts (or is recorded as skipped), on
 * whichever node runs it: the run's fire time is the request's {@code scheduled_at}.
 */
public final class RequestRunLinker
        implements RunListener
{
    private final JobRequests requests;

    @Inject
    public RequestRunLinker(JobRequests requests)
    {
        this.requests = requireNonNull(requests, "requests is null");
    }

    @Override
    public void onEvent(RunEvent event)
    {
        if ((event.start().cause() != RunCause.MANUAL && event.start().cause() != RunCause.DEPENDENCY) || event.start().attempt() != 1) {
            return;
        }
        switch (event) {
            case RunEvent.Started started -> requests.linkRun(started.start().jobName(), started.start().scheduledAt(), started.runId());
            case RunEvent.Skipped skipped -> requests.linkRun(skipped.start().jobName(), skipped.start().scheduledAt(), skipped.runId());
            case RunEvent.Finished ignored -> {}
        }
    }
}
