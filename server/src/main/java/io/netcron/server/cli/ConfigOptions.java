package io.netcron.server.cli;

import io.netcron.server.config.NetcronConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/** {@code --config FILE}, shared by every command. */
public final class ConfigOptions
{
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Config file (YAML or .properties); default: $NETCRON_CONFIG, else environment only")
    Path configFile;

    public NetcronConfig load()
    {
        return NetcronConfig.load(Optional.ofNullable(configFile), System.getenv());
    }
}
