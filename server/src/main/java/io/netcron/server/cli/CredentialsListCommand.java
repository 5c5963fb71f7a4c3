package io.netcron.server.cli;

import io.netcron.server.credentials.CredentialStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code netcron credentials list}: names, field names, who changed them and when; never values. */
@Command(name = "list", description = "List stored credentials: names, field names, last change (never values).")
public final class CredentialsListCommand
        implements Callable<Integer>
{
    @Mixin
    ConfigOptions options;

    @Override
    public Integer call()
    {
        try (CliCredentials credentials = CliCredentials.open(options.load())) {
            List<CredentialStore.Info> infos = credentials.store().list();
            if (infos.isEmpty()) {
                System.out.println("No credentials stored: add one with 'netcron credentials set NAME'.");
                return 0;
            }
            Table table = new Table("NAME", "FIELDS", "UPDATED", "UPDATED BY", "CREATED");
            for (CredentialStore.Info info : infos) {
                table.add(info.name(), String.join(",", info.fields()), info.updatedAt(), info.updatedBy(), info.createdAt());
            }
            table.print(System.out);
        }
        return 0;
    }
}
