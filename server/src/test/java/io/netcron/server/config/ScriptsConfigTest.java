package io.netcron.server.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** scripts.*: default and key. */
class ScriptsConfigTest
{
    @Test
    void scriptsLiveInDotScriptsByDefault()
    {
        assertThat(NetcronConfig.load(Optional.empty(), Map.of()).scripts())
                .isEqualTo(new ScriptsConfig(Path.of("scripts").toAbsolutePath().normalize()));
    }

    @Test
    void scriptsDirByItsEnvironmentVariable()
    {
        assertThat(NetcronConfig.load(Optional.empty(), Map.of("NETCRON_SCRIPTS_DIR", "/srv/automation")).scripts())
                .isEqualTo(new ScriptsConfig(Path.of("/srv/automation")));
    }

    @Test
    void scriptsDirFromTheConfigFile()
    {
        assertThat(NetcronConfig.fromSettings(new Settings(Map.of("scripts.dir", "/opt/old-tree"), Map.of(), "netcron.yaml")).scripts().directory())
                .isEqualTo(Path.of("/opt/old-tree"));
    }
}
