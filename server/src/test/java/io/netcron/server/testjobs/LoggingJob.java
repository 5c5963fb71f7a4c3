package io.netcron.server.testjobs;

import io.netcron.job.JobContext;
import io.netcron.job.JobResult;
import io.netcron.job.JobSpec;
import io.netcron.job.NetcronJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes a log line of its own during the run, as real jobs do: it must carry the run's job, run id and node. */
@JobSpec(name = "test-logging", category = "test", description = "Logs one line per run")
public final class LoggingJob
        implements NetcronJob
{
    private static final Logger log = LoggerFactory.getLogger(LoggingJob.class);

    @Override
    public JobResult execute(JobContext context)
    {
        log.info("checking device {}", context.params().path("device").asText("none"));
        return JobResult.of("checked", 1);
    }
}
