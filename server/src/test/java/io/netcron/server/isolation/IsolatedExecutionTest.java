package io.netcron.server.isolation;

import com.google.inject.Guice;
import io.netcron.job.RunCause;
import io.netcron.server.catalog.JobDiscovery;
import io.netcron.server.catalog.JobType;
import io.netcron.server.config.NetcronConfig;
import io.netcron.server.config.Settings;
import io.netcron.server.execution.RunPlan;
import io.netcron.server.run.RunEnd;
import io.netcron.server.run.RunStart;
import io.netcron.server.run.RunStatus;
import io.netcron.server.run.Progress;
import io.netcron.server.progress.RunProgress;
import io.netcron.server.testjobs.CountingJob;
import io.netcron.server.testjobs.EchoJob;
import io.netcron.server.testjobs.FailingJob;
import io.netcron.server.testjobs.StubbornJob;
import io.netcron.job.NetcronJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Isolated runs in real child JVMs (no database). */
class IsolatedExecutionTest
{
    private final IsolatedExecution execution = new IsolatedExecution(Guice.createInjector(),
            NetcronConfig.fromSettings(Settings.of(Map.of("node.id", "node-t"))),
            new RunProgress(RunProgress.ProgressWriter.NONE));

    @TempDir
    Path directory;

    @Test
    void runsInAChildProcessAndReturnsItsResultAndOutput()
    {
        RunEnd end = execution.execute(plan(EchoJob.class, "{\"echo\": \"isolated\"}", Duration.ofSeconds(60)), 11);
        assertThat(end.status()).as(end.error() + "\n" + end.output()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(end.resultJson()).contains("\"echo\":\"isolated\"").contains("\"attempt\":1").doesNotContain("\"pid\":" + ProcessHandle.current().pid() + ",");
        assertThat(end.output()).contains("first line", "printed by the job itself", "echo isolated").doesNotContain("netcron.status");
    }

    @Test
    void progressOfTheChildReachesTheNodeAndIsNotKeptAsOutput()
    {
        RunEnd end = execution.execute(plan(CountingJob.class, "{\"total\": 5}", Duration.ofSeconds(60)), 14);
        assertThat(end.status()).as(end.error() + "\n" + end.output()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(end.progress()).contains(new Progress(5, 5));
        assertThat(String.valueOf(end.output())).doesNotContain("netcron.progress");
    }

    @Test
    void aFailingIsolatedJobReportsItsError()
    {
        RunEnd end = execution.execute(plan(FailingJob.class, "{}", Duration.ofSeconds(60)), 12);
        assertThat(end.status()).isEqualTo(RunStatus.FAILED);
        assertThat(end.error()).isEqualTo("IllegalStateException: device answered malformed JSON at line 3");
        assertThat(end.output()).contains("at io.netcron.server.testjobs.FailingJob.execute");
    }

    @Test
    void atMaxRuntimeTheChildAndItsProcessTreeAreKilled()
            throws Exception
    {
        Path pids = directory.resolve("pids");
        long began = System.nanoTime();
        RunEnd end = execution.execute(plan(StubbornJob.class, "{\"duration_ms\": 120000, \"spawn_child\": true, \"pid_file\": \"" + pids + "\"}", Duration.ofSeconds(6)), 13);
        assertThat(end.status()).isEqualTo(RunStatus.TIMED_OUT);
        assertThat(end.error()).startsWith("max runtime 6s exceeded: isolated process ").contains("and its process tree (2 processes) killed");
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(20));
        List<Long> started = Files.readAllLines(pids).stream().map(Long::parseLong).toList();
        assertThat(started).hasSize(2);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(started).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("process " + pid + " alive").isFalse()));
    }

    private static RunPlan plan(Class<? extends NetcronJob> jobClass, String params, Duration maxRuntime)
    {
        JobType type = JobDiscovery.fromAnnotation(jobClass, new ArrayList<>()).orElseThrow();
        return new RunPlan(new RunStart("job", Instant.parse("2026-01-01T00:00:00Z"), 1, RunCause.MANUAL, "node-t", false), type, params, maxRuntime, true);
    }
}
