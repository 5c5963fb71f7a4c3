package io.netcron.job.testing;

import io.netcron.credentials.Credentials;
import io.netcron.fanout.FanOut;
import io.netcron.fanout.TargetResult;
import io.netcron.job.JobContext;
import io.netcron.job.JobResult;
import io.netcron.job.JobSpec;
import io.netcron.job.NetcronJob;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

class JobTesterTest
{
    public record PingParams(int devices, long timeoutMs)
    {
        public static PingParams defaults()
        {
            return new PingParams(10, 1000);
        }
    }

    /** A fan-out job as a job author writes one: every third device unreachable. */
    @JobSpec(name = "ping-all", paramsType = PingParams.class)
    public static final class PingAllJob
            implements NetcronJob
    {
        private final Credentials credentials;

        @Inject
        public PingAllJob(Credentials credentials)
        {
            this.credentials = requireNonNull(credentials, "credentials is null");
        }

        @Override
        public JobResult execute(JobContext context)
                throws Exception
        {
            PingParams params = context.params(PingParams.class);
            context.output("started at " + context.clock().instant());
            List<String> devices = IntStream.range(0, params.devices()).mapToObj(i -> "sw" + i).toList();
            return FanOut.over(devices)
                    .context(context)
                    .perTargetTimeout(Duration.ofMillis(params.timeoutMs()))
                    .run((device, scope) -> {
                        if (device.endsWith("3")) {
                            throw new TargetException(Outcome.UNREACHABLE, device + ": no route");
                        }
                        return TargetResult.ok();
                    })
                    .toJobResultOrFail();
        }
    }

    @Test
    void runsAJobWithFakesTypedParamsAndAFixedClock()
    {
        TestRun run = JobTester.forJob(PingAllJob.class)
                .bind(Credentials.class, Credentials.of(Map.of()))
                .params(new PingParams(20, 500))
                .clock(Instant.parse("2026-01-01T00:00:00Z"))
                .run();

        assertThat(run.resultOrThrow().values().get("counts")).isEqualTo(Map.of("ok", 18L, "unreachable", 2L));
        assertThat(run.output()).containsExactly("started at 2026-01-01T00:00:00Z");
        assertThat(run.progress()).hasSize(20).last().isEqualTo(new TestRun.Progress(20, 20));
    }

    @Test
    void aFanOutRunShowsItsCountsAndListedFailures()
    {
        TestRun run = JobTester.forJob(PingAllJob.class)
                .bind(Credentials.class, Credentials.of(Map.of()))
                .params(new PingParams(4, 500))
                .run();

        assertThat(run.fanOutCounts()).isEqualTo(Map.of("ok", 3L, "unreachable", 1L));
        assertThat(run.fanOutFailures()).containsExactly(Map.of("target", "sw3", "outcome", "unreachable", "reason", "sw3: no route"));
    }

    @Test
    void aMissingFakeIsNamed()
    {
        TestRun run = JobTester.forJob(PingAllJob.class).run();

        assertThat(run.failure()).hasMessage("PingAllJob needs a Credentials: add .bind(Credentials.class, ...) to the JobTester");
    }

    @Test
    void maxRuntimeClosesWhatTheJobRegisteredForCancellation()
            throws Exception
    {
        CountDownLatch closed = new CountDownLatch(1);
        NetcronJob stuckOnASocket = context -> {
            context.onCancel(closed::countDown);
            closed.await();
            return JobResult.empty();
        };

        TestRun run = JobTester.forJob(stuckOnASocket).maxRuntime(Duration.ofMillis(100)).run();

        assertThat(run.timedOut()).isTrue();
        assertThat(closed.getCount()).isZero();
    }
}
