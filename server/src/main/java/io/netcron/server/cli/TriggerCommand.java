package io.netcron.server.cli;

import io.netcron.server.errors.UserException;

import io.netcron.server.control.ControlException;
import io.netcron.server.control.JobControl;
import io.netcron.server.history.RunHistory;
import io.netcron.server.history.RunRecord;
import io.netcron.server.requests.JobRequest;
import io.netcron.server.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code netcron trigger JOB}: asks the cluster to run a job once now, through
 * {@code netcron.job_request} (one node runs it, cause {@code manual}). With {@code --wait}, waits
 * for the run and exits 0 when it succeeded, 1 when it did not.
 */
@Command(name = "trigger", description = "Ask the cluster to run a job once now (one node runs it). --wait waits for the run and exits 0 on success, 1 otherwise.")
public final class TriggerCommand
        implements Callable<Integer>
{
    private static final Duration POLL = Duration.ofMillis(200);
    /** How long a request may stay unhandled before we suspect no node is running. */
    private static final Duration PICKUP = Duration.ofSeconds(30);

    @Mixin
    ConfigOptions options;

    @Parameters(index = "0", paramLabel = "JOB", description = "Job name (see 'netcron jobs')")
    String job;

    @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE", description = "Override a param for this run; VALUE is JSON if it parses, else text")
    Map<String, String> params = Map.of();

    @Option(names = "--force", description = "Run even if the job is paused")
    boolean force;

    @Option(names = "--wait", description = "Wait for the run to end and print how it went")
    boolean waitForRun;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "1h", description = "With --wait: give up after this long (default ${DEFAULT-VALUE})")
    String timeout;

    @Override
    public Integer call()
            throws InterruptedException
    {
        Duration limit = Settings.parseDuration(timeout).filter(value -> !value.isNegative() && !value.isZero())
                .orElseThrow(() -> new UserException("--timeout must be a duration such as 90s or 10m, got '" + timeout + "'"));
        Optional<String> overrides = ParamOverrides.toJson(params);
        try (CliDatabase database = CliDatabase.open(options.load())) {
            JobControl control = JobControl.on(database.database());
            long id = control.requestRun(job, overrides, force, System.getProperty("user.name") + " (netcron trigger)");
            if (!waitForRun) {
                System.out.println("Requested a run of " + job + " (request " + id + "); a node starts it within about a second. See: netcron history " + job);
                return 0;
            }
            return await(control, new RunHistory(database.database()), id, limit);
        }
        catch (ControlException e) {
            throw new UserException(e.getMessage());
        }
    }

    private int await(JobControl control, RunHistory history, long id, Duration limit)
            throws InterruptedException
    {
        long started = System.nanoTime();
        while (true) {
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            if (waited.compareTo(limit) > 0) {
                System.err.println("netcron: gave up waiting for request " + id + " after " + Settings.format(limit) + "; see netcron history " + job);
                return ExitCodes.FAILURE;
            }
            JobRequest request = control.request(id).orElseThrow(() -> new UserException("request " + id + " disappeared from netcron.job_request"));
            if (request.error() != null) {
                throw new UserException("request " + id + " refused: " + request.error());
            }
            if (!request.handled() && waited.compareTo(PICKUP) > 0) {
                System.err.println("netcron: no node took request " + id + " within " + Settings.format(PICKUP) + " (is a node running on this database?)");
                return ExitCodes.FAILURE;
            }
            Optional<RunRecord> run = request.runId() == null ? Optional.empty() : history.find(request.runId());
            if (run.isPresent() && !run.get().status().equals("running")) {
                RunRecord record = run.get();
                System.out.println("Run " + record.id() + " of " + job + " on " + record.nodeId() + ": " + record.status()
                        + (record.durationMs() == null ? "" : " in " + record.durationMs() + " ms")
                        + (record.error() != null ? ": " + record.error() : record.resultJson() != null ? " " + record.resultJson() : ""));
                return record.status().equals("succeeded") ? 0 : ExitCodes.FAILURE;
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
