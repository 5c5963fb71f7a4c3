package io.netcron.server.cli;

import io.netcron.server.errors.UserException;

import io.netcron.server.history.RunHistory;
import io.netcron.server.history.RunRecord;
import io.netcron.server.run.Progress;
import io.netcron.server.progress.ProgressStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "history", description = "Recent runs, newest first, of all jobs or one.")
public final class HistoryCommand
        implements Callable<Integer>
{
    @Mixin
    ConfigOptions options;

    @Parameters(index = "0", arity = "0..1", paramLabel = "JOB", description = "Only this job")
    String job;

    @Option(names = {"-n", "--limit"}, defaultValue = "20", description = "How many runs (default ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call()
    {
        if (limit < 1 || limit > 10_000) {
            throw new UserException("--limit must be between 1 and 10000");
        }
        try (CliDatabase database = CliDatabase.open(options.load())) {
            List<RunRecord> runs = new RunHistory(database.database()).recent(Optional.ofNullable(job), limit);
            if (runs.isEmpty()) {
                System.out.println(job == null ? "No runs recorded yet." : "No runs recorded for " + job + ".");
                return 0;
            }
            Map<Long, Progress> progress = new ProgressStore(database.database()).ofRuns(runs.stream().map(RunRecord::id).toList());
            Table table = new Table("ID", "JOB", "SCHEDULED", "STARTED", "NODE", "TRY", "CAUSE", "STATUS", "PROGRESS", "MS", "RESULT / ERROR");
            for (RunRecord run : runs) {
                table.add(run.id(), run.jobName(), run.scheduledAt(), run.startedAt(), run.nodeId(), run.attempt(), run.cause(), run.status(),
                        Optional.ofNullable(progress.get(run.id())).map(Progress::text).orElse(null),
                        run.durationMs(), run.error() != null ? run.error() : run.resultJson());
            }
            table.print(System.out);
        }
        return 0;
    }
}
