package io.netcron.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The node's identity, threads and local directories. */
public record NodeConfig(
        String nodeId,
        int threads,
        Path dataDirectory,
        Optional<Path> pluginDirectory,
        Duration heartbeatInterval,
        Duration shutdownGrace,
        Duration timeoutGrace,
        String isolatedJavaOptions)
{
    /**
     * Network jobs mostly wait on devices and APIs, and Quartz takes at most as many due triggers
     * per acquisition as there are free threads: with 10, 200 jobs due in the same second took
     * three or four acquisition rounds per partition (docs/benchmarks.md).
     */
    public static final int DEFAULT_THREADS = 30;
    public static final Path DEFAULT_DATA_DIRECTORY = Path.of("data");
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofMillis(500);
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);
    /** After max runtime the job is interrupted; this long later the node stops waiting for it. */
    public static final Duration DEFAULT_TIMEOUT_GRACE = Duration.ofSeconds(10);
    /** JVM options of the child process that runs an isolated job. */
    public static final String DEFAULT_ISOLATED_JAVA_OPTIONS = "-Xmx512m -XX:+UseSerialGC";

    public static NodeConfig from(Settings settings)
    {
        String nodeId = settings.string("node.id", defaultNodeId());
        if (!nodeId.matches("[A-Za-z0-9][A-Za-z0-9_.:@-]{0,150}")) {
            settings.error("node.id", "must be letters, digits and _.:@- (at most 151), got '" + nodeId + "'");
        }
        return new NodeConfig(
                nodeId,
                settings.integer("threads", DEFAULT_THREADS, 1, 500),
                Path.of(settings.string("data-dir", DEFAULT_DATA_DIRECTORY.toString())).toAbsolutePath().normalize(),
                settings.optional("plugin-dir").map(Path::of),
                settings.duration("node.heartbeat", DEFAULT_HEARTBEAT, Duration.ofMillis(100), Duration.ofMinutes(1)),
                settings.duration("node.shutdown-grace", DEFAULT_SHUTDOWN_GRACE, Duration.ZERO, Duration.ofHours(1)),
                settings.duration("node.timeout-grace", DEFAULT_TIMEOUT_GRACE, Duration.ZERO, Duration.ofHours(1)),
                settings.string("node.isolated-java-options", DEFAULT_ISOLATED_JAVA_OPTIONS));
    }

    /**
     * How long a node whose lease is gone must also have been silent (no heartbeat, database
     * clock) before the others recover its work: two heartbeats, at least 1 s. It only matters
     * when every session was cut at once (PostgreSQL restarted); a killed node's lease is gone at once.
     */
    public Duration leaseSilence()
    {
        Duration twoBeats = heartbeatInterval.multipliedBy(2);
        return twoBeats.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : twoBeats;
    }

    /** Host plus pid: unique per process, so several nodes can share a machine. */
    public static String defaultNodeId()
    {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        }
        catch (UnknownHostException e) {
            host = "localhost";
        }
        return host.replaceAll("[^A-Za-z0-9_.-]", "-") + "-" + ProcessHandle.current().pid();
    }
}
