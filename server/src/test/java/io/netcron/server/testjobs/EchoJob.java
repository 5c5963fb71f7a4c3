package io.netcron.server.testjobs;

import io.netcron.job.JobContext;
import io.netcron.job.JobResult;
import io.netcron.job.JobSpec;
import io.netcron.job.NetcronJob;

/** Writes two output lines and returns its process id and {@code params.echo}. */
@JobSpec(name = "test-echo", category = "test", description = "Echoes its params", params = "{\"echo\": \"hi\"}")
public final class EchoJob
        implements NetcronJob
{
    @Override
    public JobResult execute(JobContext context)
    {
        context.output("first line");
        System.out.println("printed by the job itself");
        context.output("echo " + context.params().path("echo").asText());
        return JobResult.builder()
                .put("pid", ProcessHandle.current().pid())
                .put("echo", context.params().path("echo").asText())
                .put("attempt", context.attempt())
                .build();
    }
}
