package io.netcron.server.cli;

import io.netcron.server.credentials.KeyRotation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code netcron credentials rotate-key}: new primary key, every credential re-encrypted with it. */
@Command(name = "rotate-key", description = "Add a new primary key to the keyset file and re-encrypt every credential with it (old keys stay in the keyset).")
public final class CredentialsRotateKeyCommand
        implements Callable<Integer>
{
    @Mixin
    ConfigOptions options;

    @Override
    public Integer call()
    {
        try (CliCredentials credentials = CliCredentials.open(options.load())) {
            KeyRotation.Result result = new KeyRotation(credentials.store()).rotate();
            System.out.println("New primary key " + result.newKeyId() + " written to " + credentials.store().keysets().requireFile()
                    + " (" + result.keysInKeyset() + " keys); re-encrypted " + result.reencrypted() + " credential(s)."
                    + " Back up the keyset file now and give it to every node.");
        }
        return 0;
    }
}
