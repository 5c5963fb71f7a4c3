package io.netcron.server.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialsConfigTest
{
    @Test
    void defaults()
    {
        CredentialsConfig config = CredentialsConfig.from(Settings.of(Map.of()));

        assertThat(config).isEqualTo(new CredentialsConfig(Optional.empty(), Optional.empty(), Duration.ofSeconds(5)));
    }

    @Test
    void keysAndTheirShortEnvironmentNames()
    {
        Settings settings = new Settings(Map.of("credentials.cache-time", "0s"),
                Map.of("NETCRON_KEYSET_FILE", "/etc/netcron/keyset.json"), "test");

        CredentialsConfig config = CredentialsConfig.from(settings);

        assertThat(config.keysetFile()).contains(Path.of("/etc/netcron/keyset.json"));
        assertThat(config.cacheTime()).isZero();
        assertThat(CredentialsConfig.from(new Settings(Map.of(), Map.of("NETCRON_CREDENTIALS_KEYSET_FILE", "/k.json"), "test")).keysetFile()).contains(Path.of("/k.json"));
        assertThat(CredentialsConfig.from(new Settings(Map.of(), Map.of("NETCRON_KEYSET", "{}"), "test")).keysetJson()).contains("{}");
        assertThat(CredentialsConfig.from(new Settings(Map.of("credentials.keyset", "{}"), Map.of(), "test")).keysetJson()).contains("{}");
    }

    @Test
    void keysetJsonIsMaskedInTheEffectiveSettings()
    {
        Settings settings = new Settings(Map.of(), Map.of("NETCRON_KEYSET", "{\"key\": \"secret\"}"), "test");

        CredentialsConfig config = CredentialsConfig.from(settings);

        assertThat(settings.describe()).containsEntry("keyset", Settings.MASK);
        assertThat(config.toString()).doesNotContain("secret");
    }

    @Test
    void fileAndJsonTogetherAreAConfigError()
    {
        Settings settings = new Settings(Map.of(), Map.of("NETCRON_KEYSET_FILE", "/k.json", "NETCRON_KEYSET", "{}"), "test");

        assertThatThrownBy(() -> NetcronConfig.fromSettings(settings))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("keyset-file (NETCRON_KEYSET_FILE): set either the keyset file or the keyset JSON (NETCRON_KEYSET), not both");
    }
}
