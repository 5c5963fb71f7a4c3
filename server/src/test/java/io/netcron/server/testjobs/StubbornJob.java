package io.netcron.server.testjobs;

import io.netcron.job.JobContext;
import io.netcron.job.JobResult;
import io.netcron.job.JobSpec;
import io.netcron.job.NetcronJob;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * A job that ignores interrupts (it swallows them and carries on) for {@code duration_ms}: only a
 * process kill stops it. Appends its pid (and with {@code spawn_child} the pid of a child process
 * it starts) to {@code pid_file}, so tests can check what is left running.
 */
@JobSpec(name = "test-stubborn", category = "test", description = "Ignores interrupts", maxRuntime = "2s", params = "{\"duration_ms\": 60000}")
public final class StubbornJob
        implements NetcronJob
{
    @Override
    public JobResult execute(JobContext context)
            throws IOException
    {
        long durationMs = context.params().path("duration_ms").asLong(60_000);
        Path pidFile = context.param("pid_file").map(Path::of).orElse(null);
        record(pidFile, ProcessHandle.current().pid());
        if (context.params().path("spawn_child").asBoolean(false)) {
            Process child = new ProcessBuilder("sleep", "300").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            record(pidFile, child.pid());
        }
        context.output("stubborn job in process " + ProcessHandle.current().pid() + " ignores interrupts for " + durationMs + " ms");
        long deadline = System.nanoTime() + Duration.ofMillis(durationMs).toNanos();
        int ignored = 0;
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            }
            catch (InterruptedException e) {
                ignored++; // swallowed on purpose
            }
        }
        return JobResult.of("interrupts_ignored", ignored);
    }

    private static void record(Path pidFile, long pid)
            throws IOException
    {
        if (pidFile != null) {
            Files.writeString(pidFile, pid + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}
