package io.netcron.server.isolation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Binding;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Key;
import io.netcron.server.config.CredentialsConfig;
import io.netcron.server.config.NetcronConfig;
import io.netcron.server.config.Settings;
import io.netcron.server.credentials.KeysetSource;
import io.netcron.server.db.DatabaseLocation;
import io.netcron.server.execution.BoundedLines;
import io.netcron.server.execution.Execution;
import io.netcron.server.execution.Json;
import io.netcron.server.execution.Params;
import io.netcron.server.execution.RunPlan;
import io.netcron.server.run.RunEnd;
import io.netcron.server.run.RunStatus;
import io.netcron.server.progress.RunProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

/**
 * Runs an isolated job in a child JVM ({@link IsolatedJobMain}, same class path): the run's spec
 * goes in on stdin, the job's output comes back on stdout/stderr (kept bounded) and its result is
 * the last stdout line. At max runtime the child and its whole process tree are killed (SIGKILL)
 * and the run is {@code timed_out}. The child exits by itself when this node dies (its stdin closes).
 */
public final class IsolatedExecution
        implements Execution
{
    private static final Logger log = LoggerFactory.getLogger(IsolatedExecution.class);
    private static final Duration READER_WAIT = Duration.ofSeconds(5);

    private final Injector injector;
    private final NetcronConfig config;
    private final RunProgress progress;

    @Inject
    public IsolatedExecution(Injector injector, NetcronConfig config, RunProgress progress)
    {
        this.injector = requireNonNull(injector, "injector is null");
        this.config = requireNonNull(config, "config is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    @Override
    public RunEnd execute(RunPlan plan, long runId)
    {
        try (RunProgress.Tracked tracked = progress.track(plan.start().jobName(), runId)) {
            return execute(plan, runId, tracked).withProgress(tracked.current());
        }
    }

    private RunEnd execute(RunPlan plan, long runId, RunProgress.Tracked tracked)
    {
        long began = System.nanoTime();
        String spec;
        try {
            spec = spec(plan, runId);
        }
        catch (JsonProcessingException | IllegalArgumentException e) {
            return new RunEnd(RunStatus.FAILED, null, Params.error(e), null, elapsed(began));
        }
        Process process;
        try {
            process = builder().start();
        }
        catch (IOException e) {
            return new RunEnd(RunStatus.FAILED, null, "could not start the isolated process: " + e.getMessage(), null, elapsed(began));
        }
        BoundedLines output = new BoundedLines();
        AtomicReference<String> resultLine = new AtomicReference<>();
        Thread stdout = reader(process.getInputStream(), output, resultLine, tracked, "netcron-isolated-out-" + runId);
        Thread stderr = reader(process.getErrorStream(), output, null, null, "netcron-isolated-err-" + runId);
        OutputStream stdin = process.getOutputStream();
        try {
            // stdin stays open while the run lasts: the child treats its end as "the node died"
            stdin.write((spec + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        }
        catch (IOException e) {
            output.add("netcron: could not hand the run to the child process: " + e.getMessage());
        }
        log.info("Job {} run {} isolated in process {}", plan.start().jobName(), runId, process.pid());
        try {
            if (!process.waitFor(plan.maxRuntime().toNanos(), TimeUnit.NANOSECONDS)) {
                int killed = ProcessTrees.kill(process.toHandle());
                String reason = "max runtime " + Settings.format(plan.maxRuntime()) + " exceeded: isolated process " + process.pid()
                        + " and its process tree (" + killed + " processes) killed";
                log.warn("Job {} run {}: {}", plan.start().jobName(), runId, reason);
                finish(process, stdin, stdout, stderr);
                return new RunEnd(RunStatus.TIMED_OUT, null, reason, output.text(), elapsed(began));
            }
        }
        catch (InterruptedException e) {
            ProcessTrees.kill(process.toHandle());
            finish(process, stdin, stdout, stderr);
            Thread.currentThread().interrupt();
            return new RunEnd(RunStatus.FAILED, null, "interrupted: the node is stopping; isolated process " + process.pid() + " killed", output.text(), elapsed(began));
        }
        finish(process, stdin, stdout, stderr);
        return IsolatedResult.parse(resultLine.get(), process.exitValue(), output.text(), elapsed(began));
    }

    private String spec(RunPlan plan, long runId)
            throws JsonProcessingException
    {
        ObjectNode spec = Json.MAPPER.createObjectNode();
        spec.put("jobName", plan.start().jobName());
        spec.put("jobClass", plan.type().jobClass().getName());
        spec.put("runId", runId);
        spec.put("nodeId", plan.start().nodeId());
        spec.put("scheduledAt", plan.start().scheduledAt().toString());
        spec.put("attempt", plan.start().attempt());
        spec.put("cause", plan.start().cause().sqlName());
        spec.put("maxRuntimeMs", plan.maxRuntime().toMillis());
        JsonNode params = Params.checked(plan.paramsJson(), plan.type());
        spec.set("params", params);
        return Json.MAPPER.writeValueAsString(spec);
    }

    private ProcessBuilder builder()
    {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String option : config.node().isolatedJavaOptions().trim().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        if (Runtime.version().feature() >= 23) {
            // Guice's Guava still uses sun.misc.Unsafe: keep the JDK's warning out of the run's output
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), IsolatedJobMain.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.put("NETCRON_NODE_ID", config.node().nodeId());
        environment.putIfAbsent("NETCRON_LOG_LEVEL", "WARN");
        Path configFile = Path.of(config.settings().source());
        if (Files.isRegularFile(configFile)) {
            environment.put(NetcronConfig.CONFIG_ENV, configFile.toAbsolutePath().toString());
        }
        // the child uses exactly the database this node uses (the embedded one included)
        Binding<DatabaseLocation> location = injector.getExistingBinding(Key.get(DatabaseLocation.class));
        if (location != null) {
            DatabaseLocation database = location.getProvider().get();
            environment.put(Settings.environmentName("db.url"), database.jdbcUrl());
            environment.put(Settings.environmentName("db.user"), database.user());
            database.password().ifPresentOrElse(password -> environment.put(Settings.environmentName("db.password"), password),
                    () -> environment.remove(Settings.environmentName("db.password")));
        }
        // and the same credentials keyset: on the embedded default its file is found through the node's data directory
        Binding<KeysetSource> keysets = injector.getExistingBinding(Key.get(KeysetSource.class));
        if (keysets != null) {
            keysets.getProvider().get().file().ifPresent(file -> environment.put(Settings.environmentName(CredentialsConfig.KEYSET_FILE_ALIAS), file.toString()));
        }
        return builder;
    }

    private static Thread reader(InputStream stream, BoundedLines output, AtomicReference<String> resultLine, RunProgress.Tracked tracked, String name)
    {
        return Thread.ofVirtual().name(name).start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = BoundedLineReader.readLine(reader, BoundedLineReader.MAX_LINE_CHARS)) != null) {
                    if (resultLine != null && IsolatedResult.isResultLine(line)) {
                        resultLine.set(line);
                    }
                    else if (tracked != null && IsolatedResult.isProgressLine(line) && IsolatedResult.progress(line) != null) {
                        long[] progress = IsolatedResult.progress(line);
                        tracked.report(progress[0], progress[1]);
                    }
                    else {
                        output.add(line);
                    }
                }
            }
            catch (IOException e) {
                output.add("netcron: output of the isolated process cut short: " + e.getMessage());
            }
        });
    }

    private static void finish(Process process, OutputStream stdin, Thread... readers)
    {
        try {
            stdin.close();
        }
        catch (IOException ignored) {
            // the child is gone
        }
        try {
            process.waitFor(READER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
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
