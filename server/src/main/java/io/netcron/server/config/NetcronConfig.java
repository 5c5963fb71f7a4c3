package io.netcron.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static java.util.Objects.requireNonNull;

/**
 * The whole configuration: one typed record per server subsystem, and the shared clients' records
 * grouped in {@link ClientsConfig}; loaded and validated together.
 */
public record NetcronConfig(
        DatabaseConfig database,
        NodeConfig node,
        QuartzConfig quartz,
        HttpConfig http,
        JmxConfig jmx,
        HistoryConfig history,
        ClientsConfig clients,
        ScriptsConfig scripts,
        AlertsConfig alerts,
        Settings settings)
{
    public static final String CONFIG_ENV = "NETCRON_CONFIG";

    public NetcronConfig
    {
        requireNonNull(database, "database is null");
        requireNonNull(node, "node is null");
        requireNonNull(quartz, "quartz is null");
        requireNonNull(http, "http is null");
        requireNonNull(jmx, "jmx is null");
        requireNonNull(history, "history is null");
        requireNonNull(clients, "clients is null");
        requireNonNull(scripts, "scripts is null");
        requireNonNull(alerts, "alerts is null");
        requireNonNull(settings, "settings is null");
    }

    /** Reads the config file ({@code --config}, else {@code NETCRON_CONFIG}, else none) and the environment. */
    public static NetcronConfig load(Optional<Path> configFile, Map<String, String> environment)
    {
        Optional<Path> file = configFile.or(() -> Optional.ofNullable(environment.get(CONFIG_ENV)).filter(v -> !v.isBlank()).map(Path::of));
        Map<String, String> fileValues = file.map(NetcronConfig::readFile).orElse(Map.of());
        return fromSettings(new Settings(fileValues, environment, file.map(Path::toString).orElse("environment only")));
    }

    public static NetcronConfig fromSettings(Settings settings)
    {
        // In this order, so errors are listed as the settings are documented.
        DatabaseConfig database = DatabaseConfig.from(settings);
        NodeConfig node = NodeConfig.from(settings);
        NetcronConfig config = new NetcronConfig(
                database,
                node,
                QuartzConfig.from(settings),
                HttpConfig.from(settings),
                JmxConfig.from(settings),
                HistoryConfig.from(settings),
                ClientsConfig.from(settings, node.dataDirectory()),
                ScriptsConfig.from(settings),
                AlertsConfig.from(settings),
                settings);
        List<String> problems = new ArrayList<>(settings.errors());
        settings.unknownFileKeys().forEach(key -> problems.add(key + ": unknown setting in " + settings.source()));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    static Map<String, String> readFile(Path file)
    {
        if (!Files.isReadable(file)) {
            throw new ConfigException(List.of("config file " + file + " does not exist or is not readable"));
        }
        String name = file.getFileName().toString();
        try (Reader reader = Files.newBufferedReader(file)) {
            if (name.endsWith(".properties")) {
                Properties properties = new Properties();
                properties.load(reader);
                Map<String, String> values = new LinkedHashMap<>();
                properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
                return values;
            }
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(reader);
            Map<String, String> values = new LinkedHashMap<>();
            if (root != null && !root.isMissingNode() && !root.isNull()) {
                if (!root.isObject()) {
                    throw new ConfigException(List.of("config file " + file + " must be a YAML mapping of settings"));
                }
                flatten("", root, values);
            }
            return values;
        }
        catch (IOException e) {
            throw new ConfigException(List.of("config file " + file + " cannot be read: " + e.getMessage().lines().findFirst().orElse("")));
        }
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> values)
    {
        if (node.isObject()) {
            node.properties().forEach(entry -> flatten(prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey(), entry.getValue(), values));
        }
        else if (!node.isNull()) {
            values.put(prefix, node.asText());
        }
    }
}
