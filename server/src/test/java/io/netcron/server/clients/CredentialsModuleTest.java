package io.netcron.server.clients;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import io.netcron.credentials.CredentialException;
import io.netcron.credentials.Credentials;
import io.netcron.credentials.Secret;
import io.netcron.server.config.ConfigModule;
import io.netcron.server.config.NetcronConfig;
import io.netcron.server.config.Settings;
import io.netcron.server.credentials.CredentialStore;
import io.netcron.server.db.Database;
import io.netcron.server.db.DatabaseLocation;
import io.netcron.server.db.DatabaseModule;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Credentials} is bindable wherever {@link ClientModules} is installed, with or without a database. */
class CredentialsModuleTest
{
    @TempDir
    Path directory;

    @Test
    void withoutDatabaseCredentialsAreBoundAndSayWhyNothingIsThere()
    {
        NetcronConfig config = NetcronConfig.fromSettings(Settings.of(Map.of("data-dir", directory.toString())));
        List<Module> modules = new ArrayList<>(List.of(new ConfigModule(config)));
        modules.addAll(ClientModules.all(config));

        Credentials credentials = Guice.createInjector(modules).getInstance(Credentials.class);

        assertThatThrownBy(() -> credentials.get("netcron-test-unset"))
                .isInstanceOf(CredentialException.class)
                .hasMessageContaining("this process has no credential store (no database)");
    }

    @Test
    void withDatabaseTheStoreIsShared()
    {
        try (TestDatabase database = TestDatabase.create(CredentialsModuleTest.class)) {
            Database pool = database.migratedPool();
            Map<String, String> settings = new HashMap<>(database.settings());
            settings.put("keyset-file", directory.resolve("keyset.json").toString());
            NetcronConfig config = NetcronConfig.fromSettings(Settings.of(settings));
            List<Module> modules = new ArrayList<>(List.of(new ConfigModule(config),
                    new DatabaseModule(pool.dataSource(), new DatabaseLocation(database.plainUrl(), database.user(), database.password(), false))));
            modules.addAll(ClientModules.all(config));
            Injector injector = Guice.createInjector(modules);

            injector.getInstance(CredentialStore.class).set("ipam", Map.of("token", Secret.of("t0ken")));

            assertThat(injector.getInstance(Credentials.class)).isSameAs(injector.getInstance(CredentialStore.class));
            assertThat(injector.getInstance(Credentials.class).get("ipam").token().reveal()).isEqualTo("t0ken");
        }
    }
}
