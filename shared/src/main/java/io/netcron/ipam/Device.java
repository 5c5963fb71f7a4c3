package io.netcron.ipam;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A device as jobs need it. Related objects are given by slug (platform, role, site), the status by
 * its value ({@code active}), primary addresses with their prefix length ({@code 192.0.2.1/24}).
 * {@code configContext} is empty unless it was asked for.
 */
public record Device(
        long id,
        String name,
        Optional<String> platform,
        Optional<String> role,
        Optional<String> site,
        String status,
        Optional<String> primaryIp4,
        Optional<String> primaryIp6,
        String serial,
        Optional<String> deviceType,
        Map<String, Object> customFields,
        Map<String, Object> configContext)
{
    public Device
    {
        name = name == null ? "" : name;
        requireNonNull(platform, "platform is null");
        requireNonNull(role, "role is null");
        requireNonNull(site, "site is null");
        status = status == null ? "" : status;
        requireNonNull(primaryIp4, "primaryIp4 is null");
        requireNonNull(primaryIp6, "primaryIp6 is null");
        serial = serial == null ? "" : serial;
        requireNonNull(deviceType, "deviceType is null");
        customFields = Changes.unmodifiable(customFields);
        configContext = Changes.unmodifiable(configContext);
    }

    /** The primary address without its prefix length, IPv4 first: what a job connects to. */
    public Optional<String> primaryAddress()
    {
        return primaryIp4.or(() -> primaryIp6).map(address -> address.contains("/") ? address.substring(0, address.indexOf('/')) : address);
    }

    /** The writable fields in the shape a PATCH takes, for {@link Changes#diff}. */
    public Map<String, Object> writable()
    {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("serial", serial);
        fields.put("status", status);
        fields.put("custom_fields", customFields);
        return fields;
    }
}
