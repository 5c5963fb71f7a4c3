package io.netcron.server.testjobs;

import io.netcron.fanout.FanOut;
import io.netcron.fanout.TargetResult;
import io.netcron.job.JobContext;
import io.netcron.job.JobResult;
import io.netcron.job.JobSpec;
import io.netcron.job.NetcronJob;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;

import java.util.List;
import java.util.stream.IntStream;

/** Fans out over {@code params.targets} fake devices of which {@code params.unreachable} are unreachable; at most 10 % may fail. */
@JobSpec(name = "test-fan-out", category = "test", description = "Fan-out over fake devices", params = "{\"targets\": 10, \"unreachable\": 0}")
public final class FanOutJob
        implements NetcronJob
{
    @Override
    public JobResult execute(JobContext context)
            throws Exception
    {
        int targets = context.params().path("targets").asInt(10);
        int unreachable = context.params().path("unreachable").asInt(0);
        List<Integer> devices = IntStream.range(0, targets).boxed().toList();
        return FanOut.over(devices).context(context).named(i -> "device-" + i).maxFailureShare(0.1)
                .run((i, scope) -> {
                    if (i < unreachable) {
                        throw new TargetException(Outcome.UNREACHABLE, "device-" + i + ": connection refused");
                    }
                    return TargetResult.unchanged();
                })
                .toJobResultOrFail();
    }
}
