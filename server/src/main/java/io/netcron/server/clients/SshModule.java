package io.netcron.server.clients;

import com.google.inject.AbstractModule;
import com.google.inject.ProvisionException;
import com.google.inject.Provides;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import io.netcron.credentials.Credentials;
import io.netcron.server.config.SshConfig;
import io.netcron.server.db.Database;
import io.netcron.server.ssh.DatabaseHostKeyStore;
import io.netcron.ssh.HostKeyStore;
import io.netcron.ssh.InMemoryHostKeyStore;
import io.netcron.ssh.SshClient;
import io.netcron.ssh.SshSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;

/**
 * The SSH client for jobs. Host keys live in {@code netcron.ssh_host_key} when a database is bound
 * (node, {@code netcron run} with a database, isolated child); without one ({@code netcron run}
 * with no database reachable) they are pinned in memory for this process only, with a warning.
 */
public final class SshModule
        extends AbstractModule
{
    private static final Logger log = LoggerFactory.getLogger(SshModule.class);

    @Override
    protected void configure()
    {
        // present when the runtime binds them; this module works without either
        OptionalBinder.newOptionalBinder(binder(), Database.class);
        OptionalBinder.newOptionalBinder(binder(), Credentials.class);
    }

    @Provides
    @Singleton
    SshSettings settings(SshConfig config)
    {
        return config.toSettings();
    }

    @Provides
    @Singleton
    HostKeyStore hostKeys(Optional<Provider<Database>> database)
    {
        if (database.isPresent()) {
            try {
                return new DatabaseHostKeyStore(database.get().get());
            }
            catch (ProvisionException | IllegalStateException e) {
                log.warn("SSH host keys: no database ({}); keys are pinned in memory for this process only", e.getMessage());
                return new InMemoryHostKeyStore();
            }
        }
        log.warn("SSH host keys: no database; keys are pinned in memory for this process only, a changed key is noticed only within this run");
        return new InMemoryHostKeyStore();
    }

    @Provides
    @Singleton
    SshClient client(SshSettings settings, Optional<Credentials> credentials, HostKeyStore hostKeys)
    {
        // without a credential store, a target must carry its Credential; a name fails clearly
        return new SshClient(settings, credentials.orElseGet(() -> Credentials.of(Map.of())), hostKeys);
    }
}
