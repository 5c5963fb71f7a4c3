package io.netcron.server.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Inject;
import io.netcron.credentials.Credential;
import io.netcron.credentials.CredentialException;
import io.netcron.credentials.Credentials;
import io.netcron.credentials.Secret;
import io.netcron.server.config.NodeConfig;
import io.netcron.server.config.ScriptsConfig;
import io.netcron.server.config.Settings;
import io.netcron.server.execution.Execution;
import io.netcron.server.execution.Json;
import io.netcron.server.execution.Params;
import io.netcron.server.execution.RunPlan;
import io.netcron.server.run.RunEnd;
import io.netcron.server.run.RunStart;
import io.netcron.server.run.RunStatus;
import io.netcron.server.isolation.ProcessTrees;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Runs a script job as a child process in the script's directory, stdin closed, with the run's
 * identity, params (JSON) and requested credentials in its environment
 * ({@code NETCRON_CRED_<NAME>_<FIELD>} and a 0600 JSON file named by {@code NETCRON_CREDENTIALS_FILE},
 * deleted after the run) and never on its command line. At max runtime its whole process tree is
 * killed. A JSON object on the last stdout line is the result; the exit code decides the status.
 */
public final class ScriptExecution
        implements Execution
{
    private static final Logger log = LoggerFactory.getLogger(ScriptExecution.class);
    private static final Duration READER_WAIT = Duration.ofSeconds(5);
    private static final Duration WATCH_INTERVAL = Duration.ofMillis(200);

    private final Path scriptsDirectory;
    private final Credentials credentials;
    private final String nodeId;

    @Inject
    public ScriptExecution(ScriptsConfig scripts, NodeConfig node, Credentials credentials)
    {
        this.scriptsDirectory = requireNonNull(scripts, "scripts is null").directory();
        this.nodeId = requireNonNull(node, "node is null").nodeId();
        this.credentials = requireNonNull(credentials, "credentials is null");
    }

    @Override
    public RunEnd execute(RunPlan plan, long runId)
    {
        long began = System.nanoTime();
        RunStart start = plan.start();
        Map<String, String> environment = new ProcessBuilder().environment();
        ScriptCommand command;
        JsonNode params;
        try {
            command = ScriptCommand.resolve(scriptsDirectory, plan.type().implementation(), environment.get("PATH"));
            params = Params.parse(plan.paramsJson());
        }
        catch (ScriptException e) {
            return new RunEnd(RunStatus.FAILED, null, e.getMessage(), null, elapsed(began));
        }
        catch (IOException | IllegalArgumentException e) {
            return new RunEnd(RunStatus.FAILED, null, "params: " + e.getMessage(), null, elapsed(began));
        }
        Path credentialsFile = null;
        try {
            ProcessBuilder builder = new ProcessBuilder(command.command()).directory(command.script().getParent().toFile());
            Map<String, String> env = builder.environment();
            // the node's own settings (database password, keyset) are not the script's business
            env.keySet().removeIf(key -> key.startsWith("NETCRON_"));
            env.put("NETCRON_JOB", start.jobName());
            env.put("NETCRON_RUN_ID", Long.toString(runId));
            env.put("NETCRON_ATTEMPT", Integer.toString(start.attempt()));
            env.put("NETCRON_CAUSE", start.cause().sqlName());
            env.put("NETCRON_SCHEDULED_AT", start.scheduledAt().toString());
            env.put("NETCRON_NODE_ID", nodeId);
            env.put("NETCRON_PARAMS", Json.MAPPER.writeValueAsString(params));
            env.put("NETCRON_SCRIPTS_DIR", scriptsDirectory.toString());
            env.put("PYTHONUNBUFFERED", "1");
            if (command.baseTask()) {
                env.put("PYTHONPATH", PythonShim.directory() + Optional.ofNullable(env.get("PYTHONPATH")).map(value -> ":" + value).orElse(""));
            }
            credentialsFile = credentials(command, env);
            return run(plan, runId, builder, began);
        }
        catch (ScriptException e) {
            return new RunEnd(RunStatus.FAILED, null, e.getMessage(), null, elapsed(began));
        }
        catch (IOException e) {
            return new RunEnd(RunStatus.FAILED, null, "could not start script " + plan.type().implementation() + ": " + e.getMessage(), null, elapsed(began));
        }
        finally {
            if (credentialsFile != null) {
                try {
                    Files.deleteIfExists(credentialsFile);
                    Files.deleteIfExists(credentialsFile.getParent());
                }
                catch (IOException e) {
                    log.warn("Could not delete the credentials file of run {}: {}", runId, e.getMessage());
                }
            }
        }
    }

    private RunEnd run(RunPlan plan, long runId, ProcessBuilder builder, long began)
            throws IOException
    {
        String implementation = plan.type().implementation();
        Process process = builder.start();
        process.getOutputStream().close();
        ScriptOutput output = new ScriptOutput(implementation);
        Thread stdout = output.read(process.getInputStream(), false, "netcron-script-out-" + runId);
        Thread stderr = output.read(process.getErrorStream(), true, "netcron-script-err-" + runId);
        log.info("Job {} run {}: script {} started as process {}", plan.start().jobName(), runId, implementation, process.pid());
        Set<ProcessHandle> seen = new HashSet<>();
        try {
            if (!waitWatching(process, plan.maxRuntime(), seen)) {
                int killed = ProcessTrees.kill(process.toHandle());
                String reason = "max runtime " + Settings.format(plan.maxRuntime()) + " exceeded: script process " + process.pid()
                        + " and its process tree (" + killed + " processes) killed";
                log.warn("Job {} run {}: {}", plan.start().jobName(), runId, reason);
                join(stdout, stderr);
                return new RunEnd(RunStatus.TIMED_OUT, null, reason, output.text(), elapsed(began));
            }
        }
        catch (InterruptedException e) {
            ProcessTrees.kill(process.toHandle());
            join(stdout, stderr);
            Thread.currentThread().interrupt();
            return new RunEnd(RunStatus.FAILED, null, "interrupted: the node is stopping; script process " + process.pid() + " killed", output.text(), elapsed(began));
        }
        int leftovers = killLeftovers(seen);
        if (leftovers > 0) {
            output.note("netcron: killed " + leftovers + " processes the script left running");
        }
        join(stdout, stderr);
        return ended(process.exitValue(), output, elapsed(began));
    }

    /**
     * Waits for the script up to {@code limit}, noting its descendants as it goes: once it has
     * exited they are no longer its descendants, and what it left running must still end with the run.
     */
    private static boolean waitWatching(Process process, Duration limit, Set<ProcessHandle> seen)
            throws InterruptedException
    {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            if (process.waitFor(Math.min(left, WATCH_INTERVAL.toNanos()), TimeUnit.NANOSECONDS)) {
                return true;
            }
            process.descendants().forEach(seen::add);
        }
    }

    private static int killLeftovers(Set<ProcessHandle> seen)
    {
        int killed = 0;
        for (ProcessHandle leftover : seen) {
            if (leftover.isAlive()) {
                killed += ProcessTrees.kill(leftover);
            }
        }
        return killed;
    }

    static RunEnd ended(int exitCode, ScriptOutput output, Duration duration)
    {
        String last = output.lastStdoutLine();
        String result = null;
        if (last != null && last.strip().startsWith("{")) {
            try {
                JsonNode parsed = Json.MAPPER.readTree(last);
                if (parsed != null && parsed.isObject()) {
                    result = Json.MAPPER.writeValueAsString(parsed);
                }
            }
            catch (IOException ignored) {
                // not a result: just output
            }
        }
        if (exitCode == 0) {
            return new RunEnd(RunStatus.SUCCEEDED, result == null ? "{}" : result, null, output.text(), duration);
        }
        String tail = output.stderrTail();
        return new RunEnd(RunStatus.FAILED, result, "exit code " + exitCode + (tail.isEmpty() ? "" : ": " + tail), output.text(), duration);
    }

    /** The requested credentials as variables and as a 0600 file in a 0700 directory; null when none were requested. */
    private Path credentials(ScriptCommand command, Map<String, String> env)
            throws ScriptException, IOException
    {
        if (command.credentials().isEmpty()) {
            return null;
        }
        Credentials store = credentials;
        ObjectNode file = Json.MAPPER.createObjectNode();
        for (String name : command.credentials()) {
            Credential credential;
            try {
                credential = store.get(name);
            }
            catch (CredentialException e) {
                throw new ScriptException(e.getMessage());
            }
            ObjectNode fields = file.putObject(name);
            for (Map.Entry<String, Secret> field : credential.fields().entrySet()) {
                fields.put(field.getKey(), field.getValue().reveal());
                env.put("NETCRON_CRED_" + variable(name) + "_" + variable(field.getKey()), field.getValue().reveal());
            }
        }
        Path directory = Files.createTempDirectory("netcron-run-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path path = Files.createFile(directory.resolve("credentials.json"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(path, Json.MAPPER.writeValueAsString(file), StandardCharsets.UTF_8);
        env.put("NETCRON_CREDENTIALS_FILE", path.toString());
        return path;
    }

    /** {@code backup-share} → {@code BACKUP_SHARE}. */
    public static String variable(String name)
    {
        return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static void join(Thread... readers)
    {
        try {
            for (Thread reader : readers) {
                reader.join(READER_WAIT);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration elapsed(long began)
    {
        return Duration.ofNanos(System.nanoTime() - began);
    }
}
