package io.netcron.server.cli;

import io.netcron.server.errors.UserException;

import io.netcron.server.control.ControlException;
import io.netcron.server.control.JobControl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code netcron resume JOB}: sets {@code enabled = true}; the job's misfire policy decides about the times missed while paused. */
@Command(name = "resume", description = "Resume a paused job; its misfire policy decides about the fire times missed while paused.")
public final class ResumeCommand
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
            JobControl control = JobControl.on(database.database());
            if (control.setEnabled(job, true)) {
                System.out.println("Resumed " + job + " (misfire policy " + control.job(job).misfirePolicy() + "); the cluster fires it again within about a second.");
            }
            else {
                System.out.println(job + " is not paused.");
            }
        }
        catch (ControlException e) {
            throw new UserException(e.getMessage());
        }
        return 0;
    }
}
