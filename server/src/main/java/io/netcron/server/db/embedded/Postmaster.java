package io.netcron.server.db.embedded;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

// The server running on a cluster, as its postmaster.pid tells: possibly started by another netcron process,
// possibly still starting or stopping.
record Postmaster(long pid, int port)
{
    static Optional<Postmaster> read(Path cluster)
            throws IOException
    {
        Path file = cluster.resolve("postmaster.pid");
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        }
        catch (NoSuchFileException e) {
            return Optional.empty();
        }
        catch (AccessDeniedException e) {
            throw new EmbeddedPostgresException("cannot read " + file + "; run netcron as the user that started the server, or as root");
        }
        // line 1 is the postmaster's pid, line 4 its port; both are written before it accepts connections
        try {
            if (lines.size() >= 4) {
                return Optional.of(new Postmaster(Long.parseLong(lines.get(0).strip()), Integer.parseInt(lines.get(3).strip())));
            }
        }
        catch (NumberFormatException e) {
            // being written, or garbage: not a server we can attach to
        }
        return Optional.empty();
    }

    boolean isAlive()
    {
        // a stale postmaster.pid can name a pid reused by an unrelated process
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(handle -> handle.info().command()
                        .map(command -> Path.of(command).getFileName().toString().startsWith("postgres"))
                        .orElse(true))
                .orElse(false);
    }

    // empty when the server answers as netcron and serves this cluster; else why not
    Optional<String> probe(Path cluster, Optional<String> password)
    {
        if (port <= 0 || port > 65535) {
            return Optional.of("no port yet");
        }
        return new ServerClient(port, password).probeToAttach(cluster);
    }

    // the port of the server running on the cluster, once it answers; empty when none runs
    static Optional<Integer> awaitAnswering(Path cluster, Optional<String> password, Instant deadline)
            throws IOException
    {
        Optional<Postmaster> initial = read(cluster);
        if (initial.isEmpty() || !initial.get().isAlive()) {
            return Optional.empty();
        }
        long pid = initial.get().pid();
        String problem = "no answer yet";
        while (true) {
            Optional<Postmaster> current = read(cluster);
            if (current.isPresent() && current.get().pid() == pid) {
                Optional<String> notReady = current.get().probe(cluster, password);
                if (notReady.isEmpty()) {
                    return Optional.of(current.get().port());
                }
                problem = notReady.get();
            }
            if (!initial.get().isAlive()) {
                return Optional.empty();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new EmbeddedPostgresException("PostgreSQL (pid " + pid + ") holds " + cluster + " but does not accept connections ("
                        + problem + "); wait for it to finish recovery, or stop it with 'kill -INT " + pid + "' and start again");
            }
            Processes.sleep(Duration.ofMillis(100));
        }
    }
}
