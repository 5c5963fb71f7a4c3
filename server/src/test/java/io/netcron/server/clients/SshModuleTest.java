package io.netcron.server.clients;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import io.netcron.server.config.ConfigModule;
import io.netcron.server.config.NetcronConfig;
import io.netcron.server.config.Settings;
import io.netcron.server.db.DatabaseLocation;
import io.netcron.server.db.DatabaseModule;
import io.netcron.server.ssh.DatabaseHostKeyStore;
import io.netcron.server.testing.TestDatabase;
import io.netcron.ssh.HostKeyStore;
import io.netcron.ssh.InMemoryHostKeyStore;
import io.netcron.ssh.KnownHostsPolicy;
import io.netcron.ssh.SshClient;
import io.netcron.ssh.SshSettings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The SSH client is injectable wherever ClientModules is installed, with or without a database. */
class SshModuleTest
{
    @Test
    void withoutADatabaseHostKeysAreKeptInMemory()
    {
        NetcronConfig config = NetcronConfig.fromSettings(Settings.of(Map.of("ssh.known-hosts-policy", "strict")));
        List<Module> modules = new ArrayList<>(List.of(new ConfigModule(config)));
        modules.addAll(ClientModules.all(config));
        Injector injector = Guice.createInjector(modules);

        assertThat(injector.getInstance(SshClient.class)).isSameAs(injector.getInstance(SshClient.class));
        assertThat(injector.getInstance(HostKeyStore.class)).isInstanceOf(InMemoryHostKeyStore.class);
        assertThat(injector.getInstance(SshSettings.class).knownHostsPolicy()).isEqualTo(KnownHostsPolicy.STRICT);
    }

    @Test
    void withADatabaseHostKeysAreSharedThroughIt()
    {
        try (TestDatabase database = TestDatabase.create(SshModuleTest.class)) {
            NetcronConfig config = NetcronConfig.fromSettings(Settings.of(Map.of()));
            List<Module> modules = new ArrayList<>(List.of(new ConfigModule(config),
                    new DatabaseModule(database.migratedPool().dataSource(), new DatabaseLocation(database.plainUrl(), database.user(), database.password(), false))));
            modules.addAll(ClientModules.all(config));
            Injector injector = Guice.createInjector(modules);

            assertThat(injector.getInstance(HostKeyStore.class)).isInstanceOf(DatabaseHostKeyStore.class);
            assertThat(injector.getInstance(HostKeyStore.class).list()).isEmpty();
            assertThat(injector.getInstance(SshClient.class)).isNotNull();
        }
    }
}
