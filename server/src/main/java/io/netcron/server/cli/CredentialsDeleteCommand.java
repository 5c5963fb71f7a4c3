package io.netcron.server.cli;

import io.netcron.server.errors.UserException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code netcron credentials delete NAME}. */
@Command(name = "delete", description = "Delete a stored credential.")
public final class CredentialsDeleteCommand
        implements Callable<Integer>
{
    @Mixin
    ConfigOptions options;

    @Parameters(index = "0", paramLabel = "NAME", description = "Credential name")
    String name;

    @Override
    public Integer call()
    {
        try (CliCredentials credentials = CliCredentials.open(options.load())) {
            if (!credentials.store().delete(name)) {
                throw new UserException("unknown credential '" + name + "' (see 'netcron credentials list')");
            }
            System.out.println("Deleted credential " + name + ".");
        }
        return 0;
    }
}
