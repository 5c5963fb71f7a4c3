package io.netcron.jobs.system;

import io.netcron.job.InvalidParamsException;
import io.netcron.job.JobFailedException;
import io.netcron.job.testing.JobTester;
import io.netcron.job.testing.TestRun;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SleepJobTest
{
    @Test
    void sleepsForTheGivenDurationAndReportsProgressToTheEnd()
    {
        TestRun run = JobTester.forJob(SleepJob.class).params(new SleepParams(50, 0)).run();

        assertThat(run.resultOrThrow().values()).containsEntry("slept_ms", 50L);
        assertThat(run.lastProgress()).contains(new TestRun.Progress(50, 50));
    }

    @Test
    void defaultsComeFromTheParamsRecord()
    {
        TestRun run = JobTester.forJob(SleepJob.class).run();

        assertThat(run.resultOrThrow().values()).containsEntry("slept_ms", 0L);
    }

    @Test
    void negativeDurationIsRefusedBeforeTheRunNamingTheField()
    {
        TestRun run = JobTester.forJob(SleepJob.class).paramsJson("{\"duration_ms\": -5}").run();

        assertThat(run.failure()).isInstanceOf(InvalidParamsException.class)
                .hasMessage("params: duration_ms must be >= 0, got -5");
    }

    @Test
    void failRateOneAlwaysFails()
    {
        TestRun run = JobTester.forJob(SleepJob.class).param("fail_rate", 1).run();

        assertThat(run.failure()).isInstanceOf(JobFailedException.class).hasMessageContaining("simulated failure");
    }

    @Test
    void maxRuntimeInterruptsALongSleep()
    {
        TestRun run = JobTester.forJob(SleepJob.class).param("duration_ms", 60_000).maxRuntime(Duration.ofMillis(200)).run();

        assertThat(run.timedOut()).isTrue();
    }
}
