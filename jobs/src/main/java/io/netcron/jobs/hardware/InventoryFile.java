package io.netcron.jobs.hardware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.netcron.http.TlsTrust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hosts from a Nornir-style YAML file with three sections, {@code hosts}, {@code groups} and
 * {@code defaults}. A host's {@code hostname}, {@code platform}, {@code port} and {@code data}
 * (with {@code credential}, {@code scheme}, {@code tls}, {@code site}, {@code role}, {@code tags})
 * fall back to its groups in order, then to the defaults, as Nornir resolves them, then to the
 * job's {@code connection} params.
 */
final class InventoryFile
{
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private InventoryFile() {}

    /** The hosts matching the params' filter; a file that cannot be read is an {@link IllegalArgumentException}. */
    static List<Candidate> load(Path file, Family family, HwinfoParams params)
    {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        }
        catch (IOException e) {
            throw new IllegalArgumentException("inventory file " + file + " cannot be read: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.path("hosts").isObject()) {
            throw new IllegalArgumentException("inventory file " + file + " has no 'hosts' section");
        }
        JsonNode groups = root.path("groups");
        JsonNode defaults = root.path("defaults");
        List<String> platforms = params.platform().isEmpty() ? family.platformSlugs() : params.platform();
        List<Candidate> candidates = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("hosts").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            List<JsonNode> chain = chain(entry.getValue(), groups, defaults);
            String platform = attribute(chain, "platform").orElse("");
            Map<String, Object> data = data(chain);
            if (!platforms.contains(platform) || !matches(params, name, data)) {
                continue;
            }
            candidates.add(candidate(family, name, chain, platform, data, params.connection().overrides()));
        }
        return candidates;
    }

    private static Candidate candidate(Family family, String name, List<JsonNode> chain, String platform, Map<String, Object> data, Overrides jobLevel)
    {
        Overrides overrides;
        try {
            Map<String, Object> connection = new LinkedHashMap<>(data);
            attribute(chain, "port").ifPresent(port -> connection.putIfAbsent("port", port));
            overrides = Overrides.from(connection).orElse(jobLevel);
        }
        catch (IllegalArgumentException e) {
            return Candidate.failed(name, io.netcron.target.Outcome.FAILED, "inventory: " + e.getMessage());
        }
        Optional<String> address = overrides.address().or(() -> attribute(chain, "hostname"));
        if (address.isEmpty()) {
            return Candidate.skipped(name, "no hostname in the inventory file");
        }
        return Candidate.ready(new HwTarget(name, platform, address.get(), overrides.port().orElse(family.port()),
                overrides.scheme().orElse(family.scheme()), overrides.trust().orElse(TlsTrust.systemCas()),
                overrides.credential().orElse(family.defaultCredential()), Optional.empty(), overrides.options()));
    }

    /** The host, its groups (depth first, in order) and the defaults: where attributes are looked up. */
    private static List<JsonNode> chain(JsonNode host, JsonNode groups, JsonNode defaults)
    {
        List<JsonNode> chain = new ArrayList<>();
        chain.add(host);
        addGroups(host, groups, chain, 0);
        if (defaults.isObject()) {
            chain.add(defaults);
        }
        return chain;
    }

    private static void addGroups(JsonNode node, JsonNode groups, List<JsonNode> chain, int depth)
    {
        if (depth > 10) {
            throw new IllegalArgumentException("inventory groups nest deeper than 10 levels (a cycle?)");
        }
        for (JsonNode group : node.path("groups")) {
            JsonNode definition = groups.path(group.asText());
            if (definition.isObject()) {
                chain.add(definition);
                addGroups(definition, groups, chain, depth + 1);
            }
        }
    }

    private static Optional<String> attribute(List<JsonNode> chain, String key)
    {
        return chain.stream().map(node -> node.path(key)).filter(value -> value.isValueNode() && !value.asText().isBlank())
                .map(JsonNode::asText).findFirst();
    }

    /** {@code data} merged key by key, the host winning over its groups over the defaults. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(List<JsonNode> chain)
    {
        Map<String, Object> merged = new LinkedHashMap<>();
        for (int i = chain.size() - 1; i >= 0; i--) {
            JsonNode data = chain.get(i).path("data");
            if (data.isObject()) {
                merged.putAll(YAML.convertValue(data, Map.class));
            }
        }
        return merged;
    }

    private static boolean matches(HwinfoParams params, String name, Map<String, Object> data)
    {
        return (params.name().isEmpty() || params.name().contains(name))
                && (params.site().isEmpty() || params.site().contains(String.valueOf(data.get("site"))))
                && (params.role().isEmpty() || params.role().contains(String.valueOf(data.get("role"))))
                && (params.tag().isEmpty() || data.get("tags") instanceof List<?> tags && tags.stream().map(String::valueOf).anyMatch(params.tag()::contains));
    }

    private static String firstLine(String text)
    {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }
}
