package io.netcron.server.clients;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import io.netcron.credentials.Credentials;
import io.netcron.server.config.CredentialsConfig;
import io.netcron.server.config.DatabaseConfig;
import io.netcron.server.config.NodeConfig;
import io.netcron.server.credentials.CredentialStore;
import io.netcron.server.credentials.EnvironmentCredentials;
import io.netcron.server.credentials.KeysetSource;
import io.netcron.server.db.Database;

import java.util.Optional;

/**
 * {@link Credentials}: the encrypted store in {@code netcron.credential} with environment overrides.
 * The database is optional: {@code netcron run} without one still binds credentials (environment
 * only), and the isolated child opens its database only when a credential is first read.
 */
public final class CredentialsModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        OptionalBinder.newOptionalBinder(binder(), Database.class);
        bind(Credentials.class).to(CredentialStore.class);
    }

    @Provides
    @Singleton
    KeysetSource keysetSource(CredentialsConfig credentials, DatabaseConfig database, NodeConfig node)
    {
        return KeysetSource.from(credentials, database, node);
    }

    @Provides
    @Singleton
    CredentialStore credentialStore(Optional<Provider<Database>> database, KeysetSource keysets, CredentialsConfig config)
    {
        return new CredentialStore(database.map(provider -> provider::get), keysets, new EnvironmentCredentials(System.getenv()), config.cacheTime());
    }
}
