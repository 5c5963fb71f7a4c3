package io.netcron.jobs.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.netcron.credentials.Credential;
import io.netcron.credentials.Credentials;
import io.netcron.http.HttpClientSettings;
import io.netcron.http.SharedHttpClient;
import io.netcron.ipam.Ipam;
import io.netcron.ipam.NetBoxClient;
import io.netcron.ipam.NetBoxSettings;
import io.netcron.reach.Prefix;
import io.netcron.testing.FakeHttpServer;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A NetBox 4.x REST API in memory on 127.0.0.1 (on {@link FakeHttpServer}): lists with NetBox's filters
 * ({@code name}, {@code platform}, {@code role}, {@code site}, {@code status}, {@code tag},
 * {@code device_id}, {@code address}, {@code parent}), POST and PATCH answered with nested objects
 * and choice fields as NetBox renders them, related objects looked up by id or by attributes
 * ({@code "vrf": {"name": "blue"}}) with NetBox's 400 when none matches, and every write recorded.
 */
public final class FakeNetBox
        implements AutoCloseable
{
    public static final String TOKEN = "0123456789abcdef0123456789abcdef01234567";
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Request(String method, String path, JsonNode body) {}

    private final FakeHttpServer server;
    private final Map<String, List<ObjectNode>> collections = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong(100);
    public final List<Request> writes = new CopyOnWriteArrayList<>();
    private volatile Predicate<JsonNode> rejectIp = body -> false;
    private final SharedHttpClient http = new SharedHttpClient(HttpClientSettings.defaults());

    public FakeNetBox()
            throws IOException
    {
        for (String collection : List.of("dcim/devices", "dcim/interfaces", "ipam/ip-addresses", "ipam/prefixes", "ipam/vrfs")) {
            collections.put(collection, new CopyOnWriteArrayList<>());
        }
        server = FakeHttpServer.http().on("/api/", this::handle).start();
    }

    public URI uri()
    {
        return server.uri("/");
    }

    /** The real NetBox client, talking to this fake. */
    public Ipam client()
    {
        return new NetBoxClient(http,
                Credentials.of(Map.of("ipam", Credential.token("ipam", TOKEN))), NetBoxSettings.of(uri()));
    }

    /** IP address POSTs and PATCHes whose body matches answer 400 (a NetBox validation error). */
    public void rejectIpAddresses(Predicate<JsonNode> body)
    {
        rejectIp = body;
    }

    public synchronized long addDevice(String name, String platform, String primaryIp4)
    {
        ObjectNode device = JSON.createObjectNode().put("name", name);
        device.set("platform", platform == null ? null : JSON.createObjectNode().put("id", 1).put("slug", platform).put("name", platform));
        device.set("status", choice("active"));
        device.set("primary_ip4", primaryIp4 == null ? null : JSON.createObjectNode().put("id", 1).put("address", primaryIp4));
        device.set("custom_fields", JSON.createObjectNode());
        return store("dcim/devices", device);
    }

    public synchronized long addInterface(long deviceId, String deviceName, String name, String type)
    {
        ObjectNode node = JSON.createObjectNode().put("name", name).put("enabled", true).put("description", "").putNull("mtu");
        node.set("device", JSON.createObjectNode().put("id", deviceId).put("name", deviceName));
        node.set("type", choice(type));
        node.set("custom_fields", JSON.createObjectNode());
        return store("dcim/interfaces", node);
    }

    /** Assigns an address to an interface, as NetBox's UI would. */
    public synchronized void assign(long addressId, long interfaceId)
    {
        ObjectNode address = collections.get("ipam/ip-addresses").stream().filter(node -> node.path("id").asLong() == addressId).findFirst().orElseThrow();
        address.put("assigned_object_type", "dcim.interface").put("assigned_object_id", interfaceId);
    }

    public synchronized long addVrf(String name)
    {
        return store("ipam/vrfs", JSON.createObjectNode().put("name", name));
    }

    public synchronized long addPrefix(String prefix, String tag, String role)
    {
        ObjectNode node = JSON.createObjectNode().put("prefix", prefix);
        node.set("status", choice("active"));
        node.set("vrf", null);
        ArrayNode tags = node.putArray("tags");
        if (tag != null) {
            tags.addObject().put("slug", tag).put("name", tag);
        }
        node.set("role", role == null ? null : JSON.createObjectNode().put("id", 1).put("slug", role));
        node.set("custom_fields", JSON.createObjectNode());
        return store("ipam/prefixes", node);
    }

    public synchronized long addIpAddress(String address, String status, Map<String, Object> customFields)
    {
        ObjectNode node = JSON.createObjectNode().put("address", address).put("dns_name", "").put("description", "");
        node.set("status", choice(status));
        node.set("vrf", null);
        node.putNull("assigned_object_type");
        node.putNull("assigned_object_id");
        node.set("custom_fields", JSON.valueToTree(customFields));
        return store("ipam/ip-addresses", node);
    }

    public synchronized List<ObjectNode> objects(String collection)
    {
        return collections.get(collection).stream().map(ObjectNode::deepCopy).toList();
    }

    public synchronized ObjectNode ipAddress(String address)
    {
        return objects("ipam/ip-addresses").stream().filter(node -> node.path("address").asText().equals(address)).findFirst().orElse(null);
    }

    private long store(String collection, ObjectNode node)
    {
        long id = ids.incrementAndGet();
        node.put("id", id);
        node.put("url", uri() + "api/" + collection + "/" + id + "/");
        collections.get(collection).add(node);
        return id;
    }

    private void handle(HttpExchange exchange, FakeHttpServer.Request request)
            throws IOException
    {
        if (!("Token " + TOKEN).equals(request.header("Authorization"))) {
            respond(exchange, 403, JSON.createObjectNode().put("detail", "Invalid token"));
            return;
        }
        String path = exchange.getRequestURI().getPath().substring("/api/".length());
        String[] parts = path.split("/");
        if (parts.length < 2 || !collections.containsKey(parts[0] + "/" + parts[1])) {
            respond(exchange, 404, JSON.createObjectNode().put("detail", "Not found."));
            return;
        }
        String collection = parts[0] + "/" + parts[1];
        Long id = parts.length > 2 ? Long.valueOf(parts[2]) : null;
        JsonNode body = request.body().isEmpty() ? null : JSON.readTree(request.body());
        String method = request.method();
        if (!method.equals("GET")) {
            writes.add(new Request(method, "/api/" + path, body));
        }
        synchronized (this) {
            switch (method) {
                case "GET" -> list(exchange, collection, request.query());
                case "POST" -> create(exchange, collection, body);
                case "PATCH" -> patch(exchange, collection, id, body);
                default -> respond(exchange, 405, JSON.createObjectNode().put("detail", "Method not allowed"));
            }
        }
    }

    private void list(HttpExchange exchange, String collection, Map<String, List<String>> query)
            throws IOException
    {
        ArrayNode results = JSON.createArrayNode();
        for (ObjectNode node : collections.get(collection)) {
            if (matches(node, query)) {
                results.add(node.deepCopy());
            }
        }
        ObjectNode page = JSON.createObjectNode().put("count", results.size());
        page.putNull("next");
        page.putNull("previous");
        page.set("results", results);
        respond(exchange, 200, page);
    }

    private static boolean matches(ObjectNode node, Map<String, List<String>> query)
    {
        for (Map.Entry<String, List<String>> filter : query.entrySet()) {
            List<String> values = filter.getValue();
            boolean any = switch (filter.getKey()) {
                case "limit", "offset", "exclude", "brief" -> true;
                case "name" -> values.contains(node.path("name").asText());
                case "id" -> values.contains(node.path("id").asText());
                case "platform", "role", "site" -> values.contains(node.path(filter.getKey()).path("slug").asText());
                case "status" -> values.contains(node.path("status").path("value").asText());
                case "tag" -> values.stream().anyMatch(tag -> stream(node.path("tags")).anyMatch(t -> t.path("slug").asText().equals(tag)));
                case "device_id" -> values.contains(node.path("device").path("id").asText())
                        || values.contains(node.path("assigned_device_id").asText());
                case "device" -> values.contains(node.path("device").path("name").asText());
                case "address" -> values.stream().anyMatch(address -> host(address).equals(host(node.path("address").asText())));
                case "parent" -> values.stream().anyMatch(parent -> Prefix.parse(parent).contains(Prefix.address(host(node.path("address").asText()))));
                default -> throw new IllegalArgumentException("the fake NetBox does not know the filter " + filter.getKey());
            };
            if (!any) {
                return false;
            }
        }
        return true;
    }

    private void create(HttpExchange exchange, String collection, JsonNode body)
            throws IOException
    {
        if (body == null || !body.isObject()) {
            respond(exchange, 400, JSON.createObjectNode().put("detail", "expected an object"));
            return;
        }
        ObjectNode created = JSON.createObjectNode();
        if (collection.equals("ipam/ip-addresses")) {
            created.put("dns_name", "").put("description", "").putNull("assigned_object_type").putNull("assigned_object_id");
            created.set("vrf", null);
            created.set("status", choice("active"));
            created.set("custom_fields", JSON.createObjectNode());
        }
        if (collection.equals("dcim/interfaces")) {
            created.put("enabled", true).put("description", "").putNull("mtu");
            created.set("custom_fields", JSON.createObjectNode());
        }
        ObjectNode error = apply(created, collection, (ObjectNode) body);
        if (error != null) {
            respond(exchange, 400, error);
            return;
        }
        store(collection, created);
        respond(exchange, 201, created);
    }

    private void patch(HttpExchange exchange, String collection, Long id, JsonNode body)
            throws IOException
    {
        ObjectNode existing = collections.get(collection).stream().filter(node -> id != null && node.path("id").asLong() == id).findFirst().orElse(null);
        if (existing == null) {
            respond(exchange, 404, JSON.createObjectNode().put("detail", "No " + collection + " matches the given query."));
            return;
        }
        ObjectNode changed = existing.deepCopy();
        ObjectNode error = apply(changed, collection, (ObjectNode) body);
        if (error != null) {
            respond(exchange, 400, error);
            return;
        }
        existing.setAll(changed);
        respond(exchange, 200, existing);
    }

    /** Writes {@code body} into {@code target} the way NetBox stores and renders it; NetBox's 400 body when it would refuse. */
    private ObjectNode apply(ObjectNode target, String collection, ObjectNode body)
    {
        if (collection.equals("ipam/ip-addresses") && rejectIp.test(body)) {
            return error("address", "Duplicate IP address found in global table: " + body.path("address").asText());
        }
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            switch (name) {
                case "status", "type" -> target.set(name, choice(value.asText()));
                case "custom_fields" -> {
                    ObjectNode merged = target.path("custom_fields").isObject() ? (ObjectNode) target.path("custom_fields") : JSON.createObjectNode();
                    merged.setAll((ObjectNode) value);
                    target.set("custom_fields", merged);
                }
                case "vrf" -> {
                    if (value.isNull()) {
                        target.set("vrf", null);
                        continue;
                    }
                    ObjectNode vrf = lookup("ipam/vrfs", value);
                    if (vrf == null) {
                        return error("vrf", "Related object not found using the provided attributes: " + value);
                    }
                    target.set("vrf", JSON.createObjectNode().put("id", vrf.path("id").asLong()).put("name", vrf.path("name").asText()));
                }
                case "device" -> {
                    ObjectNode device = lookup("dcim/devices", value);
                    if (device == null) {
                        return error("device", "Related object not found using the provided attributes: " + value);
                    }
                    target.set("device", JSON.createObjectNode().put("id", device.path("id").asLong()).put("name", device.path("name").asText()));
                }
                case "address" -> {
                    String text = value.asText();
                    if (!text.contains("/")) {
                        return error("address", "Enter a valid IPv4 or IPv6 address with optional mask.");
                    }
                    target.set(name, value);
                }
                default -> target.set(name, value);
            }
        }
        if (collection.equals("ipam/ip-addresses") && target.path("assigned_object_type").asText().equals("dcim.interface")) {
            ObjectNode iface = lookup("dcim/interfaces", target.path("assigned_object_id"));
            if (iface == null) {
                return error("assigned_object_id", "Related object not found");
            }
            target.put("assigned_device_id", iface.path("device").path("id").asLong());
        }
        if (collection.equals("ipam/ip-addresses") && target.path("address").asText().isEmpty()) {
            return error("address", "This field is required.");
        }
        return null;
    }

    private ObjectNode lookup(String collection, JsonNode reference)
    {
        for (ObjectNode node : collections.get(collection)) {
            if (reference.isNumber() && node.path("id").asLong() == reference.asLong()) {
                return node;
            }
            if (reference.isObject()) {
                boolean all = true;
                for (Map.Entry<String, JsonNode> attribute : reference.properties()) {
                    all &= node.path(attribute.getKey()).asText().equals(attribute.getValue().asText());
                }
                if (all) {
                    return node;
                }
            }
        }
        return null;
    }

    private static ObjectNode error(String field, String message)
    {
        ObjectNode error = JSON.createObjectNode();
        error.putArray(field).add(message);
        return error;
    }

    private static ObjectNode choice(String value)
    {
        return JSON.createObjectNode().put("value", value).put("label", value);
    }

    private static String host(String address)
    {
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array)
    {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body)
            throws IOException
    {
        FakeHttpServer.json(exchange, status, JSON.writeValueAsString(body));
    }

    @Override
    public void close()
            throws IOException
    {
        http.close();
        server.close();
    }
}
