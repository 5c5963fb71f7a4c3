package io.netcron.jobs.hardware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netcron.credentials.Credentials;
import io.netcron.http.SharedHttpClient;
import io.netcron.ipam.Ipam;
import io.netcron.ipam.NetBoxClient;
import io.netcron.ipam.NetBoxSettings;
import io.netcron.testing.FakeHttpServer;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * NetBox 4 on loopback for the refresh jobs: {@code GET /api/dcim/devices/} (filtered by platform and
 * name, config context included) answered from a device list the test builds, and every
 * {@code PATCH /api/dcim/devices/<id>/} recorded and applied, so a second run sees the first run's writes.
 */
final class FakeNetBox
        implements AutoCloseable
{
    static final ObjectMapper JSON = new ObjectMapper();

    private final FakeHttpServer server;
    private final List<ObjectNode> devices = new CopyOnWriteArrayList<>();
    final List<Patch> patches = new CopyOnWriteArrayList<>();

    record Patch(long id, JsonNode body) {}

    FakeNetBox()
            throws IOException
    {
        server = FakeHttpServer.http().on("/api/dcim/devices/", (exchange, request) -> {
            if (request.method().equals("PATCH")) {
                String path = exchange.getRequestURI().getPath();
                long id = Long.parseLong(path.replaceAll(".*/devices/(\\d+)/?$", "$1"));
                JsonNode body = JSON.readTree(request.body());
                patches.add(new Patch(id, body));
                ObjectNode device = find(id);
                apply(device, (ObjectNode) body);
                FakeHttpServer.json(exchange, 200, device.toString());
                return;
            }
            Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
            ArrayNode results = JSON.createArrayNode();
            for (ObjectNode device : devices) {
                if (matches(query.get("platform"), device.path("platform").path("slug").asText())
                        && matches(query.get("name"), device.path("name").asText())) {
                    results.add(device);
                }
            }
            FakeHttpServer.json(exchange, 200, "{\"count\": " + results.size() + ", \"next\": null, \"previous\": null, \"results\": " + results + "}");
        }).start();
    }

    Ipam client(SharedHttpClient http, Credentials credentials)
    {
        return new NetBoxClient(http, credentials, NetBoxSettings.of(server.uri("/")));
    }

    /** A device as NetBox answers it, with both refresh custom fields defined (null) and an optional {@code netcron} context. */
    ObjectNode add(long id, String name, String platform, String model, String serial, Map<String, Object> netcron)
    {
        ObjectNode device = JSON.createObjectNode();
        device.put("id", id);
        device.put("url", server.uri("/api/dcim/devices/" + id + "/").toString());
        device.put("name", name);
        ObjectNode type = device.putObject("device_type");
        type.put("id", 7).put("model", model).put("slug", model.toLowerCase().replace(' ', '-'));
        device.putObject("role").put("id", 1).put("name", "Leaf").put("slug", "leaf");
        device.putObject("platform").put("id", 3).put("name", platform).put("slug", platform);
        device.put("serial", serial);
        device.putObject("site").put("id", 4).put("name", "FRA1").put("slug", "fra1");
        device.putObject("status").put("value", "active").put("label", "Active");
        device.putObject("primary_ip4").put("id", 90 + id).put("family", 4).put("address", "127.0.0.1/8");
        device.putNull("primary_ip6");
        ObjectNode custom = device.putObject("custom_fields");
        custom.putNull("sw_version");
        custom.putNull("hwinfo_refreshed_at");
        ObjectNode context = device.putObject("config_context");
        if (netcron != null) {
            context.set("netcron", JSON.valueToTree(netcron));
        }
        devices.add(device);
        return device;
    }

    List<Patch> patchesOf(long id)
    {
        return patches.stream().filter(patch -> patch.id() == id).toList();
    }

    private ObjectNode find(long id)
    {
        return devices.stream().filter(device -> device.path("id").asLong() == id).findFirst().orElseThrow();
    }

    private static void apply(ObjectNode device, ObjectNode patch)
    {
        patch.fields().forEachRemaining(entry -> {
            if (entry.getKey().equals("custom_fields")) {
                ((ObjectNode) device.get("custom_fields")).setAll((ObjectNode) entry.getValue());
            }
            else {
                device.set(entry.getKey(), entry.getValue());
            }
        });
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
