package io.netcron.server.cli;

import io.netcron.server.errors.UserException;

import com.google.inject.AbstractModule;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import io.netcron.job.Concurrency;
import io.netcron.job.RunCause;
import io.netcron.server.catalog.JobCatalog;
import io.netcron.server.catalog.JobDiscovery;
import io.netcron.server.script.ScriptDiscovery;
import io.netcron.server.catalog.JobType;
import io.netcron.server.config.NetcronConfig;
import io.netcron.server.db.DatabaseModule;
import io.netcron.server.execution.ExecutionModule;
import io.netcron.server.execution.JobRunner;
import io.netcron.server.execution.Params;
import io.netcron.server.execution.RunOutcome;
import io.netcron.server.execution.RunPlan;
import io.netcron.server.execution.RunRecorder;
import io.netcron.server.history.HistoryModule;
import io.netcron.server.jobtable.JobTableModule;
import io.netcron.server.execution.RecordingModule;
import io.netcron.server.isolation.IsolationModule;
import io.netcron.server.script.ScriptModule;
import io.netcron.server.run.RunStart;
import io.netcron.server.jobtable.JobRepository;
import io.netcron.server.jobtable.JobRow;
import io.netcron.server.errors.Errors;
import io.netcron.server.node.NodeModule;
import io.netcron.server.progress.RunProgress;
import io.netcron.server.runtime.JobRuntimeModules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Single-task mode: runs one job once in this process, prints the result as JSON and exits 0 on
 * success, 1 on failure. The run is recorded when the database is reachable.
 */
@Command(name = "run", description = "Run one job once in this process and print its result as JSON (exit 0 success, 1 failure).")
public final class RunCommand
        implements Callable<Integer>
{
    @Mixin
    ConfigOptions options;

    @Parameters(index = "0", paramLabel = "JOB", description = "Job name (see 'netcron jobs')")
    String jobName;

    @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE", description = "Override a param; VALUE is JSON if it parses, else text")
    Map<String, String> params = Map.of();

    @Override
    public Integer call()
            throws Exception
    {
        NetcronConfig config = options.load();
        JobCatalog catalog = JobDiscovery.discover(config.node().pluginDirectory()).plus(ScriptDiscovery.discover(config.scripts().directory()).types());
        CliDatabase database = openDatabase(config);
        try {
            List<Module> modules = new ArrayList<>(JobRuntimeModules.of(config, catalog));
            modules.add(new ExecutionModule());
            modules.add(new IsolationModule());
            modules.add(new ScriptModule());
            Optional<JobRow> row = Optional.empty();
            if (database != null) {
                JobRepository jobs = new JobRepository(database.database());
                catalog.byName(jobName).ifPresent(jobs::insertDefaults);
                row = jobs.find(jobName);
                modules.add(new DatabaseModule(database.dataSource(), database.located().location()));
                modules.add(new HistoryModule());
                modules.add(new JobTableModule());
                modules.add(new RecordingModule());
                modules.add(new NodeModule());
            }
            else {
                modules.add(new AbstractModule()
                {
                    @Override
                    protected void configure()
                    {
                        bind(RunRecorder.class).toInstance(RunRecorder.NONE);
                    }
                });
            }
            RunPlan plan = plan(config, catalog, row);
            checkParams(plan);
            Injector injector = Guice.createInjector(modules);
            RunOutcome outcome;
            try (ProgressDisplay ignored = ProgressDisplay.start(injector.getInstance(RunProgress.class), jobName)) {
                outcome = injector.getInstance(JobRunner.class).run(plan);
            }
            if (outcome.succeeded()) {
                System.out.println(outcome.resultJson());
                return 0;
            }
            System.err.println("netcron: job " + jobName + " " + outcome.status().sqlName() + ": " + outcome.error());
            return 1;
        }
        finally {
            if (database != null) {
                database.close();
            }
        }
    }

    private RunPlan plan(NetcronConfig config, JobCatalog catalog, Optional<JobRow> row)
    {
        JobType type = row.map(JobRow::implementation).flatMap(catalog::find)
                .or(() -> catalog.byName(jobName))
                .orElseThrow(() -> new UserException(row.isPresent()
                        ? "job '" + jobName + "' needs implementation " + row.get().implementation() + ", which this installation does not have"
                        : "unknown job '" + jobName + "'; known jobs: " + String.join(", ", catalog.types().stream().map(JobType::name).sorted().toList())));
        String baseParams = row.map(JobRow::paramsJson).orElse(type.defaults().paramsJson());
        String mergedParams = JobRunner.mergeParams(baseParams, ParamOverrides.toJson(params));
        boolean exclusive = row.map(r -> Concurrency.fromSqlName(r.concurrency())).orElse(type.defaults().concurrency()) == Concurrency.FORBID;
        Duration maxRuntime = row.map(JobRow::maxRuntime).orElse(type.defaults().maxRuntime());
        // not the node id itself: a node running with that id ends the running rows it does not run itself
        String runner = config.node().nodeId() + "/cli-" + ProcessHandle.current().pid();
        RunStart start = new RunStart(jobName, Instant.now().truncatedTo(ChronoUnit.MICROS), 1, RunCause.MANUAL, runner, exclusive);
        boolean isolated = row.map(JobRow::isolated).orElse(type.defaults().isolated());
        return new RunPlan(start, type, mergedParams, maxRuntime, isolated);
    }

    /** A param that does not fit the job's params record is a user error, said before anything runs. */
    private void checkParams(RunPlan plan)
    {
        try {
            Params.checked(plan.paramsJson(), plan.type());
        }
        catch (JsonProcessingException | IllegalArgumentException e) {
            throw new UserException("job " + jobName + ": " + Params.error(e));
        }
    }

    private static CliDatabase openDatabase(NetcronConfig config)
    {
        try {
            return CliDatabase.open(config);
        }
        catch (RuntimeException e) {
            System.err.println("netcron: database not reachable, the run will not be recorded: " + Errors.oneLine(e));
            return null;
        }
    }
}
