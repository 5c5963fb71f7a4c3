package io.netcron.server.cli;

import io.netcron.server.errors.UserException;

import io.netcron.server.control.ControlException;
import io.netcron.server.control.JobControl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code netcron schedule JOB CRON [--time-zone ZONE]}: checks the schedule as the nodes will, then writes it. */
@Command(name = "schedule", description = "Set a job's schedule: 5-field Unix cron ('0 2 * * *'), Quartz cron with seconds ('0 */5 * * * ?'), @daily... or 'none' for on demand only. Quote it.")
public final class ScheduleCommand
        implements Callable<Integer>
{
    @Mixin
    ConfigOptions options;

    @Parameters(index = "0", paramLabel = "JOB", description = "Job name (see 'netcron jobs')")
    String job;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "CRON", description = "The schedule (quoted, or as separate words)")
    List<String> cron;

    @Option(names = {"-z", "--time-zone"}, paramLabel = "ZONE", description = "IANA time zone the schedule is read in, e.g. Europe/Berlin (default: keep the job's)")
    String timeZone;

    @Override
    public Integer call()
    {
        String text = String.join(" ", cron).trim();
        Optional<String> schedule = text.toLowerCase(Locale.ROOT).equals("none") ? Optional.empty() : Optional.of(text);
        try (CliDatabase database = CliDatabase.open(options.load())) {
            JobControl control = JobControl.on(database.database());
            if (control.setSchedule(job, schedule, Optional.ofNullable(timeZone))) {
                System.out.println("Schedule of " + job + " set to " + schedule.orElse("none (on demand only)") + " (" + control.job(job).timeZone()
                        + "); the cluster applies it within about a second. Check: netcron jobs");
            }
            else {
                System.out.println(job + " already has that schedule.");
            }
        }
        catch (ControlException e) {
            throw new UserException(e.getMessage());
        }
        return 0;
    }
}
