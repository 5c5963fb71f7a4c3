package io.netcron.server.execution;

import com.google.inject.Guice;
import io.netcron.job.RunCause;
import io.netcron.server.catalog.JobDiscovery;
import io.netcron.server.catalog.JobType;
import io.netcron.server.config.NetcronConfig;
import io.netcron.server.config.NodeConfig;
import io.netcron.server.config.Settings;
import io.netcron.server.run.RunEnd;
import io.netcron.server.run.RunStart;
import io.netcron.server.run.RunStatus;
import io.netcron.server.run.Progress;
import io.netcron.server.progress.RunProgress;
import io.netcron.server.testjobs.BlockingReadJob;
import io.netcron.server.testjobs.CountingJob;
import io.netcron.server.testjobs.EchoJob;
import io.netcron.server.testjobs.FanOutJob;
import io.netcron.server.testjobs.FailingJob;
import io.netcron.server.testjobs.StubbornJob;
import io.netcron.jobs.system.SleepJob;
import io.netcron.job.NetcronJob;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class InProcessExecutionTest
{
    private static final Duration GRACE = Duration.ofMillis(500);
    private final List<String> progressWrites = new CopyOnWriteArrayList<>();
    private final InProcessExecution execution = new InProcessExecution(Guice.createInjector(), node(),
            new RunProgress((runId, progress) -> progressWrites.add(runId + ": " + progress.text())));

    @Test
    void resultAndOutputOfASuccessfulRun()
    {
        RunEnd end = execution.execute(plan(EchoJob.class, "{\"echo\": \"x\"}", Duration.ofSeconds(10)), 7);
        assertThat(end.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(end.resultJson()).contains("\"echo\":\"x\"");
        assertThat(end.output()).isEqualTo("first line\necho x");
    }

    @Test
    void aMaxRuntimeOfAThousandYearsRunsTheJobInsteadOfOverflowing()
    {
        RunPlan plan = plan(EchoJob.class, "{\"echo\": \"x\"}", Duration.ofDays(365L * 1000));
        assertThat(plan.maxRuntime()).isEqualTo(RunPlan.LONGEST_RUNTIME);
        assertThat(execution.execute(plan, 7).status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void aThrowingJobFailsWithItsMessageAndStackTrace()
    {
        RunEnd end = execution.execute(plan(FailingJob.class, "{}", Duration.ofSeconds(10)), 7);
        assertThat(end.status()).isEqualTo(RunStatus.FAILED);
        assertThat(end.error()).isEqualTo("IllegalStateException: device answered malformed JSON at line 3");
        assertThat(end.output()).contains("at io.netcron.server.testjobs.FailingJob.execute");
    }

    @Test
    void aJobThatStopsWhenInterruptedAtMaxRuntimeIsTimedOut()
    {
        long began = System.nanoTime();
        RunEnd end = execution.execute(plan(SleepJob.class, "{\"duration_ms\": 60000}", Duration.ofMillis(300)), 7);
        assertThat(end.status()).isEqualTo(RunStatus.TIMED_OUT);
        assertThat(end.error()).startsWith("max runtime 300ms exceeded; the job stopped when interrupted (InterruptedException");
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aJobThatIgnoresTheInterruptIsAbandonedAfterTheGraceAndTheCallerReturns()
    {
        long began = System.nanoTime();
        RunEnd end = execution.execute(plan(StubbornJob.class, "{\"duration_ms\": 5000}", Duration.ofMillis(300)), 8);
        Duration waited = Duration.ofNanos(System.nanoTime() - began);
        assertThat(end.status()).isEqualTo(RunStatus.TIMED_OUT);
        assertThat(end.error()).isEqualTo("max runtime 300ms exceeded; the job ignored the interrupt for 500ms and was abandoned");
        assertThat(end.output()).contains("thread netcron-job-job-8 did not stop");
        assertThat(waited).isBetween(Duration.ofMillis(800), Duration.ofSeconds(4));
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).contains("netcron-job-job-8");
    }

    @Test
    void aThreadThatIgnoredTheInterruptKeepsItsRunLingeringUntilItReallyEnds()
    {
        List<String> lingering = new CopyOnWriteArrayList<>();
        RunRecorder recorder = new RunRecorder()
        {
            @Override
            public long started(RunStart start)
            {
                return 0;
            }

            @Override
            public void finished(long runId, RunStart start, RunEnd end) {}

            @Override
            public long skipped(RunStart start, String reason)
            {
                return 0;
            }

            @Override
            public void lingering(long runId, boolean still)
            {
                lingering.add(runId + (still ? " lingering" : " ended"));
            }
        };
        InProcessExecution watched = new InProcessExecution(Guice.createInjector(), node(), new RunProgress((runId, progress) -> {}), recorder);

        RunEnd end = watched.execute(plan(StubbornJob.class, "{\"duration_ms\": 1500}", Duration.ofMillis(200)), 11);

        assertThat(end.status()).isEqualTo(RunStatus.TIMED_OUT);
        assertThat(lingering).containsExactly("11 lingering");
        await("the stubborn thread ends").atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(lingering).containsExactly("11 lingering", "11 ended"));
    }

    @Test
    void paramsThatDoNotFitTheJobsParamsRecordFailTheRunBeforeItStartsNamingTheField()
    {
        RunEnd end = execution.execute(plan(SleepJob.class, "{\"duration_ms\": -1}", Duration.ofSeconds(10)), 9);
        assertThat(end.status()).isEqualTo(RunStatus.FAILED);
        assertThat(end.error()).isEqualTo("params: duration_ms must be >= 0, got -1");

        RunEnd unknown = execution.execute(plan(SleepJob.class, "{\"duration\": 5}", Duration.ofSeconds(10)), 9);
        assertThat(unknown.error()).isEqualTo("params: unknown field 'duration' (known: duration_ms, fail_rate)");
    }

    @Test
    void atMaxRuntimeASocketReadIsEndedByClosingWhatTheJobRegistered()
    {
        long began = System.nanoTime();
        RunEnd end = execution.execute(plan(BlockingReadJob.class, "{}", Duration.ofMillis(300)), 10);
        assertThat(end.status()).isEqualTo(RunStatus.TIMED_OUT);
        // not abandoned: the closed socket ended the read well within the grace
        assertThat(end.error()).startsWith("max runtime 300ms exceeded; the job stopped when interrupted (SocketException");
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofMillis(300).plus(GRACE));
    }

    @Test
    void theLastProgressGoesWithTheRunsEndNotInAWriteOfItsOwn()
    {
        RunEnd end = execution.execute(plan(CountingJob.class, "{\"total\": 40}", Duration.ofSeconds(10)), 11);
        assertThat(end.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(end.progress()).contains(new Progress(40, 40));
        assertThat(progressWrites).isEmpty();
    }

    @Test
    void aFanOutAboveItsFailureShareFailsTheRunAndKeepsItsCounts()
    {
        RunEnd end = execution.execute(plan(FanOutJob.class, "{\"targets\": 10, \"unreachable\": 3}", Duration.ofSeconds(10)), 12);
        assertThat(end.status()).isEqualTo(RunStatus.FAILED);
        assertThat(end.error()).isEqualTo("3 of 10 targets failed (30%, allowed 10%): 3 unreachable");
        assertThat(end.resultJson()).contains("\"counts\":{\"unchanged\":7,\"unreachable\":3}", "\"target\":\"device-0\"");
        assertThat(end.progress()).contains(new Progress(10, 10));
    }

    static RunPlan plan(Class<? extends NetcronJob> jobClass, String params, Duration maxRuntime)
    {
        JobType type = JobDiscovery.fromAnnotation(jobClass, new ArrayList<>()).orElseThrow();
        return new RunPlan(new RunStart("job", Instant.parse("2026-01-01T00:00:00Z"), 1, RunCause.MANUAL, "node-t", false), type, params, maxRuntime);
    }

    private static NodeConfig node()
    {
        return NetcronConfig.fromSettings(Settings.of(Map.of("node.timeout-grace", "500ms", "node.id", "node-t"))).node();
    }
}
