package io.netcron.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netcron.server.catalog.JobCatalog;
import io.netcron.server.catalog.JobDiscovery;
import io.netcron.server.config.NetcronConfig;
import io.netcron.server.execution.Params;
import io.netcron.server.jobtable.JobRepository;
import io.netcron.server.jobtable.JobRow;
import io.netcron.server.run.Progress;
import io.netcron.server.progress.ProgressStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.ArrayList;
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
        NetcronConfig config = options.load();
        try (CliDatabase database = CliDatabase.open(config)) {
            List<JobRow> jobs = new JobRepository(database.database()).findAll();
            if (jobs.isEmpty()) {
                System.out.println("No jobs yet: start a node (netcron server) to register the discovered jobs.");
                return 0;
            }
            Map<String, Progress> running = new ProgressStore(database.database()).running();
            Optional<JobCatalog> catalog = catalog(config);
            Table table = new Table("NAME", "CATEGORY", "SCHEDULE", "TZ", "ENABLED", "NEXT FIRE", "LAST RUN", "LAST STATUS", "RUNNING", "ERROR");
            for (JobRow job : jobs) {
                table.add(job.name(), job.category(), job.schedule().orElse("on demand"), job.timeZone(), job.enabled() ? "yes" : "paused",
                        job.nextFireAt(), job.lastRunAt(), job.lastStatus(), Optional.ofNullable(running.get(job.name())).map(Progress::text).orElse(null),
                        errors(job, catalog));
            }
            table.print(System.out);
        }
        return 0;
    }

    /** The schedule error and, when this installation knows the job's params record, whether the row's params fit it. */
    private static String errors(JobRow job, Optional<JobCatalog> catalog)
    {
        Optional<String> paramsError = catalog.flatMap(known -> known.find(job.implementation())).flatMap(type -> {
            try {
                Params.checked(job.paramsJson(), type);
                return Optional.empty();
            }
            catch (JsonProcessingException | IllegalArgumentException e) {
                return Optional.of(Params.error(e));
            }
        });
        List<String> errors = new ArrayList<>();
        Optional.ofNullable(job.scheduleError()).ifPresent(errors::add);
        paramsError.ifPresent(errors::add);
        return errors.isEmpty() ? null : String.join("; ", errors);
    }

    private static Optional<JobCatalog> catalog(NetcronConfig config)
    {
        try {
            return Optional.of(JobDiscovery.discover(config.node().pluginDirectory()));
        }
        catch (RuntimeException e) {
            // the listing still works; only the params check is left out
            return Optional.empty();
        }
    }
}
