package io.netcron.server.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@code jmx.*}: the netcron MBeans are always on the platform MBean server (local jconsole
 * attaches to the process). Remote JMX is off unless {@code jmx.port} is set, and then it always
 * requires authentication: a password file (readable by its owner only, as the JDK's own agent
 * demands) and an access file; {@code jmx.ssl} adds TLS with the JVM's keystore properties.
 * Quartz's own scheduler MBean ({@code jmx.quartz-mbean}) is off by default: its operations
 * ({@code clear()}, {@code deleteJob}) bypass {@code netcron.job} and its audit; netcron's MBeans
 * cover the operations and are audited.
 */
public record JmxConfig(
        Optional<Integer> port,
        String bindAddress,
        Optional<Path> passwordFile,
        Optional<Path> accessFile,
        boolean ssl,
        Duration refreshInterval,
        boolean quartzMBean)
{
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    /** How often the set of job MBeans and their attributes are refreshed from {@code netcron.job}. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(2);

    public static JmxConfig from(Settings settings)
    {
        Optional<Integer> port = settings.optionalPort("jmx.port").filter(value -> value != 0);
        Optional<Path> passwordFile = settings.optional("jmx.password-file").map(Path::of);
        Optional<Path> accessFile = settings.optional("jmx.access-file").map(Path::of);
        JmxConfig config = new JmxConfig(
                port,
                settings.string("jmx.bind-address", DEFAULT_BIND_ADDRESS),
                passwordFile,
                accessFile,
                settings.bool("jmx.ssl", false),
                settings.duration("jmx.refresh-interval", DEFAULT_REFRESH_INTERVAL, Duration.ofMillis(200), Duration.ofMinutes(5)),
                settings.bool("jmx.quartz-mbean", false));
        if (port.isPresent()) {
            checkFile(settings, "jmx.password-file", passwordFile, true);
            checkFile(settings, "jmx.access-file", accessFile, false);
        }
        return config;
    }

    public boolean remote()
    {
        return port.isPresent();
    }

    private static void checkFile(Settings settings, String key, Optional<Path> file, boolean ownerOnly)
    {
        if (file.isEmpty()) {
            settings.error(key, "required when jmx.port is set: remote JMX always requires authentication (see deploy/jmx/)");
            return;
        }
        Path path = file.get();
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            settings.error(key, path + " does not exist or is not readable");
            return;
        }
        if (ownerOnly && !readableByOwnerOnly(path)) {
            settings.error(key, path + " holds passwords and must be readable by its owner only (chmod 600 " + path + ")");
        }
    }

    private static boolean readableByOwnerOnly(Path path)
    {
        PosixFileAttributeView posix = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (posix == null) {
            return true; // not a POSIX file system: nothing to check
        }
        try {
            Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
            Set<PosixFilePermission> others = EnumSet.of(
                    PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                    PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
            return permissions.stream().noneMatch(others::contains);
        }
        catch (IOException e) {
            return false;
        }
    }
}
