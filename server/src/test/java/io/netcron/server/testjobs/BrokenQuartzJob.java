package io.netcron.server.testjobs;

import org.quartz.Job;
import org.quartz.JobExecutionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A raw Quartz job (scheduled by a test through the Quartz API, not a netcron job) that cannot be
 * created while {@link #FLAG} exists: Quartz then puts its trigger in state ERROR. Once created and
 * run, it writes {@link #RAN}.
 */
public final class BrokenQuartzJob
        implements Job
{
    public static final Path FLAG = Path.of("target", "broken-quartz-job.flag");
    public static final Path RAN = Path.of("target", "broken-quartz-job.ran");

    public BrokenQuartzJob()
    {
        if (Files.exists(FLAG)) {
            throw new IllegalStateException("cannot be created while " + FLAG + " exists");
        }
    }

    @Override
    public void execute(JobExecutionContext context)
    {
        try {
            Files.writeString(RAN, "ran at " + context.getFireTime() + "\n");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
