package io.netcron.dist;

import io.netcron.server.Main;
import io.netcron.server.config.NetcronConfig;
import io.netcron.server.config.Settings;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The checkout the deployment files live in, and what netcron itself accepts: commands and variables. */
final class Repository
{
    /** Variables read outside the typed settings: launcher, logging, config file, debugging. */
    static final Set<String> ENVIRONMENT_ONLY = Set.of("NETCRON_CONFIG", "NETCRON_JAVA_OPTS", "NETCRON_LOG_FORMAT", "NETCRON_LOG_LEVEL", "NETCRON_DEBUG");
    /** Names that say a value is a secret; {@code ..._FILE} variables only point at one. */
    static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|PASSWD|SECRET|TOKEN|KEYSET|PRIVATE_KEY|API_KEY).*");

    private Repository() {}

    static Path root()
    {
        return Path.of(System.getProperty("netcron.repo", "..")).toAbsolutePath().normalize();
    }

    static Path file(String relative)
    {
        return root().resolve(relative);
    }

    /** Every {@code NETCRON_*} variable netcron reads: the settings' own names plus the environment-only ones. */
    static Set<String> knownVariables()
    {
        Settings settings = Settings.of(Map.of());
        NetcronConfig.fromSettings(settings);
        Set<String> known = new TreeSet<>(ENVIRONMENT_ONLY);
        settings.describe().keySet().forEach(key -> known.add(Settings.environmentName(key)));
        return known;
    }

    /** Fails unless {@code netcron <arguments>} parses: a real command with real options. */
    static void assertNetcronCommand(List<String> arguments)
    {
        if (arguments.isEmpty()) {
            throw new AssertionError("no netcron command given");
        }
        CommandLine commandLine = new CommandLine(new Main());
        if (!commandLine.getSubcommands().containsKey(arguments.getFirst())) {
            throw new AssertionError("'" + arguments.getFirst() + "' is not a netcron command; commands: " + commandLine.getSubcommands().keySet());
        }
        try {
            commandLine.parseArgs(arguments.toArray(String[]::new));
        }
        catch (CommandLine.ParameterException e) {
            throw new AssertionError("netcron " + String.join(" ", arguments) + ": " + e.getMessage(), e);
        }
    }

    static boolean looksSecret(String variable)
    {
        return SECRET_NAME.matcher(variable).matches() && !variable.endsWith("_FILE");
    }

    /** The release tarball {@code ./mvnw package} wrote into dist/target. */
    static Path tarball()
    {
        Path target = file("dist/target");
        try (Stream<Path> files = Files.list(target)) {
            List<Path> found = files.filter(path -> path.getFileName().toString().matches("netcron-.+\\.tar\\.gz")).toList();
            if (found.size() != 1) {
                throw new AssertionError("expected one netcron-<version>.tar.gz in " + target + ", found " + found);
            }
            return found.getFirst();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
