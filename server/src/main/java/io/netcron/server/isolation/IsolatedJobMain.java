package io.netcron.server.isolation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.netcron.job.JobFailedException;
import io.netcron.job.JobResult;
import io.netcron.job.NetcronJob;
import io.netcron.server.catalog.JobCatalog;
import io.netcron.server.catalog.JobDiscovery;
import io.netcron.server.catalog.JobType;
import io.netcron.server.config.NetcronConfig;
import io.netcron.server.execution.InProcessExecution;
import io.netcron.server.execution.Json;
import io.netcron.server.node.NodeModule;
import io.netcron.server.runtime.JobRuntimeModules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The child process of an isolated run: reads the run's spec (one JSON line) from stdin, builds the
 * job through Guice with the node's configuration, runs it, and prints the result as the last
 * stdout line. Exits when its stdin closes (the node that started it died).
 */
public final class IsolatedJobMain
{
    static final int EXIT_PARENT_GONE = 137;

    private IsolatedJobMain() {}

    public static void main(String[] args)
            throws IOException
    {
        PrintStream out = System.out;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        if (line == null) {
            System.exit(EXIT_PARENT_GONE);
        }
        Thread watchdog = new Thread(() -> {
            try {
                while (in.read() != -1) {
                    // the node keeps stdin open while it waits for this run
                }
            }
            catch (IOException ignored) {
                // same as end of input
            }
            System.err.println("netcron: the node that started this isolated run is gone; exiting");
            Runtime.getRuntime().halt(EXIT_PARENT_GONE);
        }, "netcron-parent-watch");
        watchdog.setDaemon(true);
        watchdog.start();

        ObjectNode result = Json.MAPPER.createObjectNode();
        int exitCode;
        ChildContext context = null;
        try {
            JsonNode spec = Json.MAPPER.readTree(line);
            NetcronConfig config = NetcronConfig.load(Optional.empty(), System.getenv());
            // plugin jobs and plugin modules need the plugin jars' class loader
            JobCatalog catalog = config.node().pluginDirectory().isPresent()
                    ? JobDiscovery.discover(config.node().pluginDirectory())
                    : new JobCatalog(List.of());
            List<Module> modules = new ArrayList<>(JobRuntimeModules.of(config, catalog));
            modules.add(new ChildDatabaseModule());
            modules.add(new NodeModule());
            Injector injector = Guice.createInjector(Stage.DEVELOPMENT, modules);
            NetcronJob job = injector.getInstance(jobClass(spec.path("jobClass").asText(), catalog));
            context = new ChildContext(spec, out);
            JobResult value = job.execute(context);
            context.flushProgress();
            result.put(IsolatedResult.STATUS, "succeeded");
            result.set("result", Json.MAPPER.valueToTree(value == null ? JobResult.empty().values() : value.values()));
            exitCode = 0;
        }
        catch (JobFailedException e) {
            flush(context);
            result.put(IsolatedResult.STATUS, "failed");
            result.put("error", InProcessExecution.describe(e));
            e.result().ifPresent(kept -> result.set("result", Json.MAPPER.valueToTree(kept.values())));
            exitCode = 1;
        }
        catch (Throwable e) {
            flush(context);
            e.printStackTrace(System.err);
            result.put(IsolatedResult.STATUS, "failed");
            result.put("error", InProcessExecution.describe(e));
            exitCode = 1;
        }
        out.println(Json.MAPPER.writeValueAsString(result));
        out.flush();
        System.err.flush();
        System.exit(exitCode);
    }

    private static void flush(ChildContext context)
    {
        if (context != null) {
            context.flushProgress();
        }
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends NetcronJob> jobClass(String name, JobCatalog catalog)
    {
        try {
            return (Class<? extends NetcronJob>) Class.forName(name);
        }
        catch (ClassNotFoundException e) {
            // a plugin job: its jar is not on the class path
            return catalog.types().stream()
                    .filter(type -> type.jobClass().getName().equals(name))
                    .map(JobType::jobClass)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("job class " + name + " not found on the class path or in the plugin directory"));
        }
    }
}
