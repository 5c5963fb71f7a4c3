package io.netcron.server.cli;

import io.netcron.server.errors.UserException;

import io.netcron.server.control.ControlException;
import io.netcron.server.control.JobControl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code netcron pause JOB}: sets {@code enabled = false} (audited, applied by the cluster within about a second). */
@Command(name = "pause", description = "Pause a job: no more scheduled firings until 'netcron resume' (run-now only with --force).")
public final class PauseCommand
        implements Callable<Integer>
{
    @Mixin
    ConfigOptions options;

    @Parameters(index = "0", paramLabel = "JOB", description = "Job name (see 'netcron jobs')")
    String job;

    @Override
    public Integer call()
    {
        try (CliDatabase database = CliDatabase.open(options.load())) {
            if (JobControl.on(database.database()).setEnabled(job, false)) {
                System.out.println("Paused " + job + "; the cluster stops firing it within about a second.");
            }
            else {
                System.out.println(job + " is already paused.");
            }
        }
        catch (ControlException e) {
            throw new UserException(e.getMessage());
        }
        return 0;
    }
}
