package io.netcron.bench;

import io.netcron.server.testing.TestDatabase;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One side of the comparison: three node processes on a database of their own, driven the same way. */
interface Contender
        extends AutoCloseable
{
    String label();

    /** The side's key in results-<scenario>.json. */
    String key();

    /** Starts the three nodes and returns once each has joined the cluster. */
    void startNodes();

    /** Stops every node gracefully (SIGTERM) and waits for them to exit. */
    void stopNodes();

    /** The node JVMs' process ids, by node name. */
    Map<String, Long> nodePids();

    /** {@code count} jobs named {@code prefix-1..count} on the Quartz cron {@code cron}, each sleeping {@code durationMs}. */
    void addJobs(String prefix, int count, String cron, long durationMs);

    /** {@code count} jobs named {@code prefix-1..count} firing every second, each sleeping {@code durationMs}. */
    default void addEverySecondJobs(String prefix, int count, long durationMs)
    {
        addJobs(prefix, count, "* * * * * ?", durationMs);
    }

    /** The contender's database (for its commit counter in {@code pg_stat_database}). */
    TestDatabase database();

    /** Missed fire times the contender itself recorded in {@code [fromMs, toMs)}, or -1 when it records none. */
    long recordedMisses(String prefix, long fromMs, long toMs);

    /** Every recorded execution of the jobs whose names start with {@code prefix}. */
    List<Firing> firings(String prefix);

    /** Stops the jobs {@code prefix-1..count} from firing (netcron: disabled; Quartz: deleted). */
    void removeJobs(String prefix, int count);

    /** A recoverable job sleeping 60 s, firing once at {@code at}. */
    void addLongRecoverableJob(String name, Instant at);

    /** The node that started the first execution of {@code job}, once it has. */
    Optional<String> nodeRunning(String job);

    /** When the recovery execution of {@code job} (after its node died) started, once it has. */
    Optional<Instant> recoveryStart(String job);

    /** SIGKILL of the named node's JVM. */
    void kill(String nodeId);

    @Override
    void close();

    /** One execution: its scheduled fire time and when it actually started (epoch milliseconds), and on which node. */
    record Firing(String job, long scheduledMs, long startedMs, String node)
    {
        long delayMs()
        {
            return startedMs - scheduledMs;
        }
    }
}
