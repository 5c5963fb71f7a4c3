package io.netcron.server.isolation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Kills a process and everything it started, with SIGKILL. */
public final class ProcessTrees
{
    private static final Duration EXIT_WAIT = Duration.ofSeconds(5);

    private ProcessTrees() {}

    /** Kills {@code root} and all its descendants; returns how many processes were killed. */
    public static int kill(ProcessHandle root)
    {
        // the tree is read before the root dies: orphans are re-parented and no longer its descendants
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.addFirst(root);
        List<ProcessHandle> killed = new ArrayList<>();
        for (int round = 0; round < 3 && !tree.isEmpty(); round++) {
            List<ProcessHandle> next = new ArrayList<>();
            for (ProcessHandle process : tree) {
                if (process.isAlive()) {
                    // children started since the tree was read
                    process.descendants().filter(child -> !tree.contains(child)).forEach(next::add);
                    if (process.destroyForcibly()) {
                        killed.add(process);
                    }
                }
            }
            tree.clear();
            tree.addAll(next);
        }
        try {
            CompletableFuture.allOf(killed.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .get(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (Exception ignored) {
            // reported by the caller's check of what is still alive
        }
        return killed.size();
    }
}
