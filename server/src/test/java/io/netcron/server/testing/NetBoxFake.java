package io.netcron.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netcron.testing.FakeHttpServer;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * NetBox 4 on loopback for cluster tests: {@code GET /api/dcim/devices/} filtered by platform and
 * name (one page, config context included) from devices the test adds, and every
 * {@code PATCH /api/dcim/devices/<id>/} recorded and applied, so a second run sees the first run's writes.
 */
public final class NetBoxFake
        implements AutoCloseable
{
    public static final ObjectMapper JSON = new ObjectMapper();

    public record Patch(long id, JsonNode body) {}

    private final FakeHttpServer server;
    private final List<ObjectNode> devices = new CopyOnWriteArrayList<>();
    private final List<Patch> patches = new CopyOnWriteArrayList<>();

    public NetBoxFake()
            throws IOException
    {
        server = FakeHttpServer.http().on("/api/dcim/devices/", (exchange, request) -> {
            if (request.method().equals("PATCH")) {
                long id = Long.parseLong(exchange.getRequestURI().getPath().replaceAll(".*/devices/(\\d+)/?$", "$1"));
                JsonNode body = JSON.readTree(request.body());
                patches.add(new Patch(id, body));
                FakeHttpServer.json(exchange, 200, apply(id, (ObjectNode) body));
                return;
            }
            if (!request.method().equals("GET")) {
                FakeHttpServer.json(exchange, 405, "{\"detail\": \"Method not allowed\"}");
                return;
            }
            Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
            ArrayNode results = JSON.createArrayNode();
            for (ObjectNode device : devices) {
                synchronized (device) {
                    if (matches(query.get("platform"), device.path("platform").path("slug").asText())
                            && matches(query.get("name"), device.path("name").asText())) {
                        results.add(device.deepCopy());
                    }
                }
            }
            FakeHttpServer.json(exchange, 200, "{\"count\": " + results.size() + ", \"next\": null, \"previous\": null, \"results\": " + results + "}");
        }).start();
    }

    public URI uri()
    {
        return server.uri("/");
    }

    /** A device as NetBox 4 answers it, with the custom fields sw_version and hwinfo_refreshed_at defined and a {@code netcron} context. */
    public ObjectNode addDevice(long id, String name, String platform, String model, String serial, String swVersion, Map<String, Object> netcron)
    {
        ObjectNode device = JSON.createObjectNode();
        device.put("id", id);
        device.put("url", server.uri("/api/dcim/devices/" + id + "/").toString());
        device.put("name", name);
        device.putObject("device_type").put("id", 7).put("model", model).put("slug", model.toLowerCase().replace(' ', '-'));
        device.putObject("role").put("id", 1).put("name", "Leaf").put("slug", "leaf");
        device.putObject("platform").put("id", 3).put("name", platform).put("slug", platform);
        device.put("serial", serial);
        device.putObject("site").put("id", 4).put("name", "FRA1").put("slug", "fra1");
        device.putObject("status").put("value", "active").put("label", "Active");
        device.putObject("primary_ip4").put("id", 10_000 + id).put("family", 4).put("address", "127.0.0.1/8");
        device.putNull("primary_ip6");
        ObjectNode custom = device.putObject("custom_fields");
        if (swVersion == null) {
            custom.putNull("sw_version");
        }
        else {
            custom.put("sw_version", swVersion);
        }
        custom.putNull("hwinfo_refreshed_at");
        ObjectNode context = device.putObject("config_context");
        if (netcron != null) {
            context.set("netcron", JSON.valueToTree(netcron));
        }
        devices.add(device);
        return device;
    }

    public List<Patch> patches()
    {
        return List.copyOf(patches);
    }

    public FakeHttpServer server()
    {
        return server;
    }

    private String apply(long id, ObjectNode patch)
    {
        ObjectNode device = devices.stream().filter(candidate -> candidate.path("id").asLong() == id).findFirst().orElseThrow();
        synchronized (device) {
            patch.properties().forEach(entry -> {
                if (entry.getKey().equals("custom_fields")) {
                    ((ObjectNode) device.get("custom_fields")).setAll((ObjectNode) entry.getValue());
                }
                else {
                    device.set(entry.getKey(), entry.getValue());
                }
            });
            return device.toString();
        }
    }

    private static boolean matches(List<String> wanted, String value)
    {
        return wanted == null || wanted.contains(value);
    }

    private static Map<String, List<String>> query(String raw)
    {
        Map<String, List<String>> query = new HashMap<>();
        if (raw == null) {
            return query;
        }
        for (String pair : raw.split("&")) {
            String[] parts = pair.split("=", 2);
            query.computeIfAbsent(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), key -> new ArrayList<>())
                    .add(parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return query;
    }

    @Override
    public void close()
    {
        server.close();
    }
}
