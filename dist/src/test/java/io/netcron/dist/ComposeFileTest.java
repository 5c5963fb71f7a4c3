package io.netcron.dist;

import io.netcron.server.config.NetcronConfig;
import io.netcron.server.config.Settings;
import io.netcron.server.db.DataSources;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * compose.yaml (and the JMX override) as podman-compose and docker compose read it: YAML anchors
 * and merge keys resolved, every netcron command, variable, secret and volume real.
 */
class ComposeFileTest
{
    private static final List<String> NODES = List.of("node-1", "node-2", "node-3");
    private static final String IMAGE = "localhost/netcron:latest";

    private static Map<String, Object> compose;
    private static Map<String, Object> jmxOverride;

    @BeforeAll
    static void load()
            throws IOException
    {
        compose = yaml(Repository.file("compose.yaml"));
        jmxOverride = yaml(Repository.file("deploy/compose/jmx.yaml"));
    }

    @Test
    void everyNetcronServiceRunsARealNetcronCommand()
    {
        Map<String, Map<String, Object>> services = netcronServices(compose);
        assertThat(services.keySet()).containsExactlyInAnyOrder("node-1", "node-2", "node-3", "task-runner", "manage");
        services.forEach((name, service) -> Repository.assertNetcronCommand(strings(service.get("command"))));
        NODES.forEach(node -> assertThat(strings(services.get(node).get("command"))).containsExactly("server"));
        assertThat(strings(services.get("task-runner").get("command"))).startsWith("run");
    }

    @Test
    void everyNetcronVariableIsARealSetting()
    {
        Set<String> known = Repository.knownVariables();
        for (Map<String, Object> file : List.of(compose, jmxOverride)) {
            services(file).forEach((name, service) -> assertThat(environment(service).keySet())
                    .as("NETCRON_* variables of service %s", name)
                    .filteredOn(variable -> variable.startsWith("NETCRON_"))
                    .isSubsetOf(known));
        }
    }

    @Test
    void noSecretValueIsWrittenInTheFiles()
    {
        for (Map<String, Object> file : List.of(compose, jmxOverride)) {
            services(file).forEach((name, service) -> assertThat(environment(service).keySet())
                    .as("secret-looking variables of service %s (use a compose secret and a *_FILE variable)", name)
                    .noneMatch(Repository::looksSecret));
        }
    }

    @Test
    void everySecretReferencedIsDeclaredAsAFileOutsideTheRepository()
    {
        Map<String, Object> declared = new LinkedHashMap<>(map(compose.get("secrets")));
        declared.putAll(map(jmxOverride.get("secrets")));
        for (Map<String, Object> file : List.of(compose, jmxOverride)) {
            services(file).forEach((name, service) -> assertThat(declared.keySet())
                    .as("secrets of service %s", name)
                    .containsAll(strings(service.getOrDefault("secrets", List.of()))));
        }
        declared.forEach((name, secret) -> assertThat(String.valueOf(map(secret).get("file")))
                .as("secret %s", name)
                .startsWith("./secrets/"));
        assertThat(lines(Repository.file(".gitignore"))).contains("/secrets/");
        assertThat(lines(Repository.file(".dockerignore"))).contains("secrets");
    }

    @Test
    void secretFilesArePointedAtByTheirVariables()
    {
        Map<String, Object> node = services(compose).get("node-1");
        Set<String> mounted = new HashSet<>(strings(node.get("secrets")).stream().map(name -> "/run/secrets/" + name).toList());
        assertThat(environment(node))
                .containsEntry("NETCRON_DB_PASSWORD_FILE", "/run/secrets/db-password")
                .containsEntry("NETCRON_KEYSET_FILE", "/run/secrets/netcron-keyset");
        assertThat(mounted).contains("/run/secrets/db-password", "/run/secrets/netcron-keyset");
        assertThat(environment(services(compose).get("postgres"))).containsEntry("POSTGRES_PASSWORD_FILE", "/run/secrets/db-password");
    }

    @Test
    void everyVolumeIsDeclaredOrABindMountOfAFileInTheRepository()
    {
        Set<String> declared = map(compose.get("volumes")).keySet();
        services(compose).forEach((name, service) -> {
            for (String volume : strings(service.getOrDefault("volumes", List.of()))) {
                String source = volume.substring(0, volume.indexOf(':'));
                if (source.startsWith(".") || source.startsWith("/")) {
                    assertThat(Repository.root().resolve(source).normalize()).as("bind mount of %s", name).exists();
                }
                else {
                    assertThat(declared).as("named volume of %s", name).contains(source);
                }
            }
        });
        assertThat(strings(services(compose).get("postgres").get("volumes"))).contains("pgdata:/var/lib/postgresql/data");
    }

    @Test
    void theMountedSettingsFileIsValidAndTheStopTimeoutOutlastsTheDrain()
    {
        Map<String, Object> node = services(compose).get("node-1");
        assertThat(environment(node)).containsEntry("NETCRON_CONFIG", "/etc/netcron/netcron.yaml");
        NetcronConfig config = mountedConfig(node);
        for (String name : NODES) {
            Duration stop = Settings.parseDuration(String.valueOf(services(compose).get(name).get("stop_grace_period"))).orElseThrow();
            assertThat(stop).as("stop_grace_period of %s", name).isGreaterThan(config.node().shutdownGrace().plus(config.node().timeoutGrace()));
        }
    }

    @Test
    void nodesWaitForAHealthyDatabaseAndHaveTheirOwnIdAndPort()
    {
        Map<String, Object> postgres = services(compose).get("postgres");
        assertThat(map(postgres.get("healthcheck"))).containsKey("test");
        Set<String> ids = new HashSet<>();
        Set<String> hostPorts = new HashSet<>();
        for (String name : NODES) {
            Map<String, Object> node = services(compose).get(name);
            assertThat(map(map(node.get("depends_on")).get("postgres"))).containsEntry("condition", "service_healthy");
            assertThat(ids.add(environment(node).get("NETCRON_NODE_ID"))).as("unique node id of %s", name).isTrue();
            String port = strings(node.get("ports")).getFirst();
            assertThat(hostPorts.add(port.substring(0, port.lastIndexOf(':')))).as("unique host port of %s", name).isTrue();
            assertThat(port).endsWith(":" + environment(node).get("NETCRON_HTTP_PORT"));
        }
        assertThat(ids).containsExactlyInAnyOrderElementsOf(NODES);
    }

    @Test
    void theNodesConnectionsFitUnderTheDatabasesLimitWithRoomForCliContainers()
    {
        NetcronConfig config = mountedConfig(services(compose).get("node-1"));
        // per node: netcron's pool, Quartz's pool, the notification listener and the lease session
        int perNode = config.database().poolSize() + DataSources.quartzPoolSize(config.node().threads(), config.quartz().partitions()) + 2;
        List<String> command = strings(services(compose).get("postgres").get("command"));
        int maxConnections = Integer.parseInt(command.stream().filter(argument -> argument.startsWith("max_connections=")).findFirst().orElseThrow().substring("max_connections=".length()));
        assertThat(NODES.size() * perNode + 10).as("three nodes' connections (%s each), ten for CLI containers", perNode).isLessThan(maxConnections - 3);
    }

    @Test
    void nodesCheckTheirHealthWithTheNetcronHealthCommand()
    {
        for (String name : NODES) {
            List<String> test = strings(map(services(compose).get(name).get("healthcheck")).get("test"));
            assertThat(test.subList(0, 2)).as("healthcheck of %s", name).containsExactly("CMD", "/opt/netcron/bin/netcron");
            Repository.assertNetcronCommand(test.subList(2, test.size()));
            assertThat(test.subList(2, test.size())).containsExactly("health");
        }
    }

    @Test
    void oneOffServicesAreUnderTheirProfilesAndNodesUnderNone()
    {
        Map<String, Map<String, Object>> services = services(compose);
        assertThat(strings(services.get("task-runner").get("profiles"))).containsExactly("task");
        assertThat(strings(services.get("manage").get("profiles"))).containsExactly("manage");
        assertThat(services.get("task-runner").get("restart")).isEqualTo("no");
        NODES.forEach(node -> assertThat(services.get(node)).doesNotContainKey("profiles"));
        assertThat(services.get("postgres")).doesNotContainKey("profiles");
    }

    /** The settings file a node service mounts at /etc/netcron/netcron.yaml, loaded and validated as a node would. */
    private static NetcronConfig mountedConfig(Map<String, Object> node)
    {
        String mount = strings(node.get("volumes")).stream().filter(volume -> volume.endsWith(":/etc/netcron/netcron.yaml:ro")).findFirst().orElseThrow();
        return NetcronConfig.load(Optional.of(Repository.root().resolve(mount.substring(0, mount.indexOf(':'))).normalize()), Map.of());
    }

    private static Map<String, Map<String, Object>> netcronServices(Map<String, Object> file)
    {
        Map<String, Map<String, Object>> netcron = new LinkedHashMap<>();
        services(file).forEach((name, service) -> {
            if (IMAGE.equals(service.get("image"))) {
                netcron.put(name, service);
            }
        });
        return netcron;
    }

    private static Map<String, Map<String, Object>> services(Map<String, Object> file)
    {
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        map(file.get("services")).forEach((name, service) -> services.put(name, map(service)));
        return services;
    }

    private static Map<String, String> environment(Map<String, Object> service)
    {
        Map<String, String> environment = new LinkedHashMap<>();
        map(service.getOrDefault("environment", Map.of())).forEach((key, value) -> environment.put(key, String.valueOf(value)));
        return environment;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value)
    {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    private static List<String> strings(Object value)
    {
        List<String> strings = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> strings.add(String.valueOf(item)));
        }
        else if (value != null) {
            throw new AssertionError("expected a list (exec form), got '" + value + "'");
        }
        return strings;
    }

    private static Map<String, Object> yaml(Path file)
            throws IOException
    {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml().load(reader);
        }
    }

    private static List<String> lines(Path file)
    {
        try {
            return Files.readAllLines(file).stream().map(String::strip).toList();
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
