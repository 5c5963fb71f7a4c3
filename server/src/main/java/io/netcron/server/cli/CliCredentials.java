package io.netcron.server.cli;

import io.netcron.server.config.NetcronConfig;
import io.netcron.server.credentials.CredentialStore;
import io.netcron.server.credentials.EnvironmentCredentials;
import io.netcron.server.credentials.KeysetSource;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** The credential store for one {@code netcron credentials} command; says what to set before it touches the database. */
final class CliCredentials
        implements AutoCloseable
{
    private final CliDatabase database;
    private final CredentialStore store;

    private CliCredentials(CliDatabase database, CredentialStore store)
    {
        this.database = requireNonNull(database, "database is null");
        this.store = requireNonNull(store, "store is null");
    }

    static CliCredentials open(NetcronConfig config)
    {
        KeysetSource keysets = KeysetSource.from(config.clients().credentials(), config.database(), config.node());
        keysets.requireConfigured();
        CliDatabase database = CliDatabase.open(config);
        // the CLI manages what is stored: no environment overrides, no cache
        return new CliCredentials(database, new CredentialStore(Optional.of(database::database), keysets, new EnvironmentCredentials(Map.of()), Duration.ZERO));
    }

    CredentialStore store()
    {
        return store;
    }

    @Override
    public void close()
    {
        database.close();
    }
}
