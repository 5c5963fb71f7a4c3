package io.netcron.ipam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.netcron.credentials.Credentials;
import io.netcron.http.SharedHttpClient;
import io.netcron.testing.FakeHttpServer;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * NetBox 4 on loopback, for the jobs' tests and the server's cluster tests: every
 * {@code /api/<app>/<type>/} is a collection the test fills; GET lists it (one page) filtered as NetBox filters by field, nested slug/value/name/id,
 * {@code tag}, {@code device_id}, {@code parent}, {@code within} and {@code address}; POST creates,
 * PATCH updates (both recorded, choices and foreign keys stored in NetBox's nested shapes), so a second
 * run sees the first run's writes.
 */
public final class FakeNetBox
        implements AutoCloseable
{
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FOREIGN_KEYS = List.of("device", "vrf", "tenant", "role", "site", "platform", "device_type");
    private static final List<String> CHOICES = List.of("status", "type", "mode", "family");

    public record Patch(String type, long id, JsonNode body) {}

    public record Created(String type, JsonNode body) {}

    private final FakeHttpServer server;
    private final Map<String, List<ObjectNode>> collections = new LinkedHashMap<>();
    private final List<Patch> patches = new CopyOnWriteArrayList<>();
    private final List<Created> created = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong(100_000);

    public FakeNetBox()
            throws IOException
    {
        server = FakeHttpServer.http().on("/api/", this::handle).start();
    }

    public URI uri()
    {
        return server.uri("/");
    }

    /** netcron's NetBox client on this fake. */
    public Ipam client(SharedHttpClient http, Credentials credentials)
    {
        return new NetBoxClient(http, credentials, NetBoxSettings.of(uri()));
    }

    public FakeHttpServer server()
    {
        return server;
    }

    /** Adds an object to {@code type} ({@code dcim/devices}, {@code ipam/prefixes} ...) as NetBox would answer it. */
    public synchronized ObjectNode add(String type, ObjectNode object)
    {
        if (!object.has("id")) {
            object.put("id", ids.incrementAndGet());
        }
        object.put("url", server.uri("/api/" + type + "/" + object.path("id").asLong() + "/").toString());
        collections.computeIfAbsent(type, key -> new CopyOnWriteArrayList<>()).add(object);
        return object;
    }

    /** {@link #addDevice(long, String, String, String, String, String, Map)} with no software version yet. */
    public ObjectNode addDevice(long id, String name, String platform, String model, String serial, Map<String, Object> netcron)
    {
        return addDevice(id, name, platform, model, serial, null, netcron);
    }

    /** A device as NetBox 4 answers it, with the custom fields sw_version and hwinfo_refreshed_at defined and a {@code netcron} context (none when null). */
    public ObjectNode addDevice(long id, String name, String platform, String model, String serial, String swVersion, Map<String, Object> netcron)
    {
        ObjectNode device = JSON.createObjectNode();
        device.put("id", id);
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
        return add("dcim/devices", device);
    }

    /** Every PATCH received, in order. */
    public List<Patch> patches()
    {
        return List.copyOf(patches);
    }

    public List<Patch> patches(String type)
    {
        return patches.stream().filter(patch -> patch.type().equals(type)).toList();
    }

    /** The PATCHes of the device with this id, in order. */
    public List<Patch> patchesOf(long deviceId)
    {
        return patches.stream().filter(patch -> patch.type().equals("dcim/devices") && patch.id() == deviceId).toList();
    }

    /** Every object created by POST, in order. */
    public List<Created> created(String type)
    {
        return created.stream().filter(object -> object.type().equals(type)).toList();
    }

    public synchronized List<ObjectNode> objects(String type)
    {
        return collections.getOrDefault(type, List.of()).stream().map(ObjectNode::deepCopy).toList();
    }

    private void handle(HttpExchange exchange, FakeHttpServer.Request request)
            throws IOException
    {
        String path = exchange.getRequestURI().getPath().replaceFirst("^/api/", "").replaceAll("/+$", "");
        String[] parts = path.split("/");
        if (parts.length < 2) {
            FakeHttpServer.json(exchange, 404, "{\"detail\": \"Not found.\"}");
            return;
        }
        String type = parts[0] + "/" + parts[1];
        Long id = parts.length > 2 ? Long.valueOf(parts[2]) : null;
        synchronized (this) {
            switch (request.method()) {
                case "GET" -> list(exchange, type, id);
                case "POST" -> {
                    ObjectNode body = (ObjectNode) JSON.readTree(request.body());
                    created.add(new Created(type, body.deepCopy()));
                    ObjectNode object = add(type, normalize(body));
                    FakeHttpServer.json(exchange, 201, object.toString());
                }
                case "PATCH" -> {
                    ObjectNode body = (ObjectNode) JSON.readTree(request.body());
                    patches.add(new Patch(type, id, body.deepCopy()));
                    ObjectNode object = find(type, id);
                    if (object == null) {
                        FakeHttpServer.json(exchange, 404, "{\"detail\": \"Not found.\"}");
                        return;
                    }
                    apply(object, normalize(body));
                    FakeHttpServer.json(exchange, 200, object.toString());
                }
                default -> FakeHttpServer.json(exchange, 405, "{\"detail\": \"Method \\\"" + request.method() + "\\\" not allowed.\"}");
            }
        }
    }

    private void list(HttpExchange exchange, String type, Long id)
            throws IOException
    {
        if (id != null) {
            ObjectNode object = find(type, id);
            FakeHttpServer.json(exchange, object == null ? 404 : 200, object == null ? "{\"detail\": \"Not found.\"}" : object.toString());
            return;
        }
        Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
        ArrayNode results = JSON.createArrayNode();
        for (ObjectNode object : collections.getOrDefault(type, List.of())) {
            if (query.entrySet().stream().allMatch(filter -> NetBoxFilters.matches(object, filter.getKey(), filter.getValue()))) {
                results.add(object);
            }
        }
        FakeHttpServer.json(exchange, 200, "{\"count\": " + results.size() + ", \"next\": null, \"previous\": null, \"results\": " + results + "}");
    }

    private ObjectNode find(String type, long id)
    {
        return collections.getOrDefault(type, List.of()).stream().filter(object -> object.path("id").asLong() == id).findFirst().orElse(null);
    }

    /** Writes as NetBox stores them: a choice becomes {value, label}, a foreign key id becomes {id}. */
    private static ObjectNode normalize(ObjectNode body)
    {
        ObjectNode copy = body.deepCopy();
        for (String field : CHOICES) {
            if (copy.path(field).isValueNode() && !copy.path(field).isNull()) {
                String value = copy.path(field).asText();
                copy.putObject(field).put("value", value).put("label", value.isEmpty() ? "" : Character.toUpperCase(value.charAt(0)) + value.substring(1));
            }
        }
        for (String field : FOREIGN_KEYS) {
            if (copy.path(field).isNumber()) {
                long id = copy.path(field).asLong();
                copy.putObject(field).put("id", id);
            }
        }
        if (copy.path("tags").isArray()) {
            ArrayNode tags = JSON.createArrayNode();
            copy.path("tags").forEach(tag -> tags.add(tag.isObject() ? tag : JSON.createObjectNode().put(tag.isNumber() ? "id" : "slug", tag.asText())));
            copy.set("tags", tags);
        }
        return copy;
    }

    private static void apply(ObjectNode object, ObjectNode patch)
    {
        patch.properties().forEach(entry -> {
            if (entry.getKey().equals("custom_fields") && object.path("custom_fields").isObject()) {
                ((ObjectNode) object.get("custom_fields")).setAll((ObjectNode) entry.getValue());
            }
            else {
                object.set(entry.getKey(), entry.getValue());
            }
        });
    }

    private static Map<String, List<String>> query(String raw)
    {
        Map<String, List<String>> query = new LinkedHashMap<>();
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
