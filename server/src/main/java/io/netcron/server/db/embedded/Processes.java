package io.netcron.server.db.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static java.nio.charset.StandardCharsets.UTF_8;

// Running PostgreSQL's programs: a clean environment, bounded waits, and the end of their output in errors.
final class Processes
{
    private static final Logger log = LoggerFactory.getLogger(Processes.class);

    private Processes() {}

    static ProcessBuilder builder(List<String> command, Path workingDirectory)
    {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile()) // the unprivileged account must be able to enter it
                .redirectInput(Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true);
        // PGDATA, PGPORT and friends in the caller's environment must not redirect initdb or pg_ctl
        builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
        builder.environment().put("LC_ALL", "C");
        return builder;
    }

    static void run(List<String> command, Path workingDirectory, Duration timeout, String what)
    {
        run(command, workingDirectory, Optional.empty(), timeout, what);
    }

    // input goes to the program's stdin, never to its command line, where every local user could read it
    static void run(List<String> command, Path workingDirectory, Optional<String> input, Duration timeout, String what)
    {
        Path output = null;
        try {
            output = Files.createTempFile("netcron-pg-", ".out");
            ProcessBuilder builder = builder(command, workingDirectory).redirectOutput(output.toFile());
            if (input.isPresent()) {
                builder.redirectInput(Redirect.PIPE);
            }
            Process process = builder.start();
            if (input.isPresent()) {
                try (OutputStream stdin = process.getOutputStream()) {
                    stdin.write(input.get().getBytes(UTF_8));
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new EmbeddedPostgresException(what + " did not finish within " + timeout.toSeconds() + " s; " + tail(output));
            }
            if (process.exitValue() != 0) {
                throw new EmbeddedPostgresException(what + " failed with exit code " + process.exitValue() + "; " + tail(output));
            }
        }
        catch (IOException e) {
            throw new EmbeddedPostgresException("cannot run " + what + " (" + String.join(" ", command) + "): " + e.getMessage(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedPostgresException("interrupted while running " + what, e);
        }
        finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                }
                catch (IOException e) {
                    log.debug("Cannot delete {}", output, e);
                }
            }
        }
    }

    // the last non-empty lines, joined on one line so error messages stay one line
    static String lastLines(String text)
    {
        List<String> lines = text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        return lines.isEmpty() ? "" : String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }

    static Optional<Path> findExecutable(String name)
    {
        List<String> directories = new ArrayList<>();
        Optional.ofNullable(System.getenv("PATH")).ifPresent(path -> directories.addAll(List.of(path.split(File.pathSeparator))));
        directories.addAll(List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin"));
        return directories.stream()
                .filter(directory -> !directory.isEmpty() && Path.of(directory).isAbsolute())
                .map(directory -> Path.of(directory, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    static void sleep(Duration duration)
    {
        try {
            Thread.sleep(duration);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedPostgresException("interrupted while waiting for PostgreSQL", e);
        }
    }

    private static String tail(Path output)
    {
        try {
            String lines = lastLines(Files.readString(output));
            return lines.isEmpty() ? "no output" : "output ends: " + lines;
        }
        catch (IOException e) {
            return "no output";
        }
    }
}
