package io.netcron.bench;

import io.netcron.server.testing.TestDatabase;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pgbench -N -c 4} on a database of its own on the same server, so a run says how fast the
 * machine's PostgreSQL was at that moment (the machine is shared: only ratios within one run mean much).
 * Empty when pgbench is not installed or -Dbench.pgbench-seconds=0.
 */
final class PgBench
{
    private static final int SECONDS = Integer.getInteger("bench.pgbench-seconds", 10);
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");

    private PgBench() {}

    static Optional<String> run()
    {
        Optional<Path> pgbench = Optional.of(Path.of("/usr/bin/pgbench")).filter(Files::isExecutable);
        if (SECONDS <= 0 || pgbench.isEmpty()) {
            System.out.println("pgbench: not run (" + (SECONDS <= 0 ? "bench.pgbench-seconds=0" : "not installed") + ")");
            return Optional.empty();
        }
        try (TestDatabase database = TestDatabase.create(PgBench.class)) {
            URI uri = URI.create(database.plainUrl().substring("jdbc:".length()));
            List<String> connection = List.of("-h", uri.getHost(), "-p", Integer.toString(uri.getPort() < 0 ? 5432 : uri.getPort()), "-U", database.user());
            String name = database.name();
            run(database, command(pgbench.get(), connection, List.of("-i", "-q", "-s", "1", name)));
            Matcher tps = TPS.matcher(run(database, command(pgbench.get(), connection, List.of("-N", "-c", "4", "-j", "2", "-T", Integer.toString(SECONDS), name))));
            return tps.find() ? Optional.of(tps.group(1)) : Optional.empty();
        }
        catch (IOException | RuntimeException e) {
            System.out.println("pgbench: failed: " + e.getMessage());
            return Optional.empty();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static List<String> command(Path pgbench, List<String> connection, List<String> arguments)
    {
        List<String> command = new ArrayList<>();
        command.add(pgbench.toString());
        command.addAll(connection);
        command.addAll(arguments);
        return command;
    }

    private static String run(TestDatabase database, List<String> command)
            throws IOException, InterruptedException
    {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        database.password().ifPresent(password -> builder.environment().put("PGPASSWORD", password));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command.subList(0, 1)) + " exited " + process.exitValue() + ": " + output.strip());
        }
        return output;
    }
}
