package io.netcron.server.cli;

import io.netcron.server.jobs.JobRepository;
import io.netcron.server.jobs.JobRow;
import io.netcron.server.progress.Progress;
import io.netcron.server.progress.ProgressStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "jobs", description = "List configured jobs: schedule, next fire, last status.")
public final class JobsCommand
        implements Callable<Integer>
{
    @Mixin
    ConfigOptions options;

    @Override
    public Integer call()
    {
        try (CliDatabase database = CliDatabase.open(options.load())) {
            List<JobRow> jobs = new JobRepository(database.database()).findAll();
            if (jobs.isEmpty()) {
                System.out.println("No jobs yet: start a node (netcron server) to register the discovered jobs.");
                return 0;
            }
            Map<String, Progress> running = new ProgressStore(database.database()).running();
            Table table = new Table("NAME", "CATEGORY", "SCHEDULE", "TZ", "ENABLED", "NEXT FIRE", "LAST RUN", "LAST STATUS", "RUNNING", "ERROR");
            for (JobRow job : jobs) {
                table.add(job.name(), job.category(), job.schedule().orElse("on demand"), job.timeZone(), job.enabled() ? "yes" : "paused",
                        job.nextFireAt(), job.lastRunAt(), job.lastStatus(), Optional.ofNullable(running.get(job.name())).map(Progress::text).orElse(null),
                        job.scheduleError());
            }
            table.print(System.out);
        }
        return 0;
    }
}
