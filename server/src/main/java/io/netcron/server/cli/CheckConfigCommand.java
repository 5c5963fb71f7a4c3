package io.netcron.server.cli;

import io.netcron.server.config.NetcronConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** Validates the configuration without starting anything. */
@Command(name = "check-config", description = "Validate the configuration and print the effective settings (secrets masked).")
public final class CheckConfigCommand
        implements Callable<Integer>
{
    @Mixin
    ConfigOptions options;

    @Override
    public Integer call()
    {
        NetcronConfig config = options.load();
        System.out.println("Configuration OK (" + config.settings().source() + ")");
        config.settings().describe().forEach((key, value) -> System.out.printf("  %-28s %s%n", key, value));
        return 0;
    }
}
