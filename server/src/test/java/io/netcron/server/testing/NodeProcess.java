package io.netcron.server.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * A netcron node (or CLI command) in its own JVM, started from the test class path, so
 * cluster tests exercise real processes: SIGTERM for a graceful stop, SIGKILL for a crash.
 */
public final class NodeProcess
        implements AutoCloseable
{
    private static final Path LOG_DIRECTORY = Path.of("target", "node-logs");

    private final String name;
    private final Process process;
    private final Path log;

    private NodeProcess(String name, Process process, Path log)
    {
        this.name = requireNonNull(name, "name is null");
        this.process = requireNonNull(process, "process is null");
        this.log = requireNonNull(log, "log is null");
    }

    public static NodeProcess startServer(String nodeId, Map<String, String> environment)
    {
        Map<String, String> env = new HashMap<>(environment);
        env.put("NETCRON_NODE_ID", nodeId);
        return start(nodeId, env, "server");
    }

    /** Starts {@code netcron <arguments>} in a new JVM with the given extra environment. */
    public static NodeProcess start(String name, Map<String, String> environment, String... arguments)
    {
        return startMain(name, environment, "io.netcron.server.Main", arguments);
    }

    /** Starts {@code mainClass <arguments>} in a new JVM on this JVM's class path, with the same flags as a node. */
    public static NodeProcess startMain(String name, Map<String, String> environment, String mainClass, String... arguments)
    {
        if (Boolean.getBoolean("netcron.fast")) {
            // ./test -Pfast promises no node processes: a class that starts them is @MultiJvm
            throw new IllegalStateException("./test -Pfast runs no multi-JVM tests: annotate the test class that starts " + name + " with @MultiJvm");
        }
        try {
            Files.createDirectories(LOG_DIRECTORY);
            Path log = LOG_DIRECTORY.resolve(name + "-" + System.nanoTime() + ".log");
            List<String> command = new ArrayList<>(List.of(javaBinary()));
            command.addAll(jvmOptions());
            if (Runtime.version().feature() >= 23) {
                // as the launchers do (bin/jvm-flags.sh): JDKs before 23 refuse this option
                command.add("--sun-misc-unsafe-memory-access=allow");
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
            command.addAll(List.of(arguments));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().keySet().removeIf(key -> key.startsWith("NETCRON_"));
            builder.environment().putAll(environment);
            return new NodeProcess(name, builder.start(), log);
        }
        catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    /**
     * Small, quick-starting JVMs for tests; {@code -Dnetcron.node.jvm-options="..."} (space separated)
     * replaces them, e.g. for the benchmark with a production-like JVM.
     */
    private static List<String> jvmOptions()
    {
        String options = System.getProperty("netcron.node.jvm-options");
        if (options == null) {
            return List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");
        }
        return List.of(options.trim().split("\\s+")).stream().filter(option -> !option.isEmpty()).toList();
    }

    private static String javaBinary()
    {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    public String name()
    {
        return name;
    }

    public long pid()
    {
        return process.pid();
    }

    public boolean isAlive()
    {
        return process.isAlive();
    }

    /** SIGTERM: the node drains and exits. */
    public int stop(Duration timeout)
    {
        process.destroy();
        return waitFor(timeout);
    }

    /** SIGKILL: the node dies on the spot, as in a crash. */
    public void kill()
    {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /** SIGSTOP: the process is frozen (as in a long GC pause or a starved VM); its sockets stay open. */
    public void suspend()
    {
        signal("STOP");
    }

    /** SIGCONT after {@link #suspend()}. */
    public void resume()
    {
        signal("CONT");
    }

    private void signal(String name)
    {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
            }
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public int waitFor(Duration timeout)
    {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " did not exit within " + timeout + "; log:\n" + output());
            }
            return process.exitValue();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public String output()
    {
        try {
            return Files.readString(log);
        }
        catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close()
    {
        if (process.isAlive()) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
        }
    }
}
