package io.netcron.ipam;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.netcron.http.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * NetBox 4.x JSON to records. Related objects arrive nested ({@code "platform": {"id": 3, "slug": "eos", ...}}),
 * choices as {@code {"value": "active", "label": "Active"}}; older shapes (a plain value) are read too.
 */
final class NetBoxJson
{
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private NetBoxJson() {}

    static Device device(JsonNode node)
    {
        return new Device(
                node.path("id").asLong(),
                text(node, "name"),
                nested(node, "platform", "slug"),
                nested(node, "role", "slug").or(() -> nested(node, "device_role", "slug")),
                nested(node, "site", "slug"),
                choice(node, "status"),
                nested(node, "primary_ip4", "address"),
                nested(node, "primary_ip6", "address"),
                text(node, "serial"),
                nested(node, "device_type", "model"),
                map(node.path("custom_fields")),
                map(node.path("config_context")));
    }

    static Interface iface(JsonNode node)
    {
        JsonNode mtu = node.path("mtu");
        return new Interface(
                node.path("id").asLong(),
                node.path("device").path("id").asLong(),
                text(node.path("device"), "name"),
                text(node, "name"),
                choice(node, "type"),
                node.path("enabled").asBoolean(true),
                mtu.isNumber() ? Optional.of(mtu.asInt()) : Optional.empty(),
                optionalText(node, "mac_address").or(() -> nested(node, "primary_mac_address", "mac_address")),
                text(node, "description"),
                map(node.path("custom_fields")));
    }

    static IpAddress ipAddress(JsonNode node)
    {
        JsonNode assigned = node.path("assigned_object_id");
        return new IpAddress(
                node.path("id").asLong(),
                text(node, "address"),
                nested(node, "vrf", "name"),
                choice(node, "status"),
                text(node, "dns_name"),
                text(node, "description"),
                optionalText(node, "assigned_object_type"),
                assigned.isNumber() ? Optional.of(assigned.asLong()) : Optional.empty(),
                map(node.path("custom_fields")));
    }

    static Prefix prefix(JsonNode node)
    {
        return new Prefix(node.path("id").asLong(), text(node, "prefix"), nested(node, "vrf", "name"), choice(node, "status"),
                text(node, "description"), map(node.path("custom_fields")));
    }

    static Platform platform(JsonNode node)
    {
        return new Platform(node.path("id").asLong(), text(node, "name"), text(node, "slug"));
    }

    static DeviceType deviceType(JsonNode node)
    {
        return new DeviceType(node.path("id").asLong(), nested(node, "manufacturer", "slug").orElse(""), text(node, "model"), text(node, "slug"));
    }

    static CustomField customField(JsonNode node)
    {
        // object_types since NetBox 4.0, content_types before
        JsonNode types = node.has("object_types") ? node.path("object_types") : node.path("content_types");
        List<String> objectTypes = new ArrayList<>();
        types.forEach(type -> objectTypes.add(type.asText()));
        return new CustomField(node.path("id").asLong(), text(node, "name"), text(node, "label"), choice(node, "type"), objectTypes);
    }

    private static String text(JsonNode node, String field)
    {
        return optionalText(node, field).orElse("");
    }

    private static Optional<String> optionalText(JsonNode node, String field)
    {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static Optional<String> nested(JsonNode node, String field, String inner)
    {
        JsonNode value = node.path(field);
        if (value.isObject()) {
            return optionalText(value, inner);
        }
        return Optional.empty();
    }

    /** A choice field: {@code {"value": ..., "label": ...}}, or the plain value. */
    private static String choice(JsonNode node, String field)
    {
        JsonNode value = node.path(field);
        return value.isObject() ? text(value, "value") : text(node, field);
    }

    private static Map<String, Object> map(JsonNode node)
    {
        return node.isObject() ? Json.MAPPER.convertValue(node, MAP) : Map.of();
    }
}
