package io.netcron.server.cli;

import picocli.CommandLine.Command;

/** {@code netcron credentials ...}: the encrypted credential store shared by the cluster. */
@Command(name = "credentials", description = "Encrypted credentials shared by the cluster (values never shown).",
        subcommands = {
                CredentialsSetCommand.class,
                CredentialsListCommand.class,
                CredentialsDeleteCommand.class,
                CredentialsRotateKeyCommand.class,
                CredentialsImportFernetCommand.class,
        })
public final class CredentialsCommand
{
}
