package io.netcron.ipam;

/** JSON as NetBox 4.x answers it (shapes from its REST API documentation), trimmed to what the tests read. */
final class NetBoxPayloads
{
    private NetBoxPayloads() {}

    static String device(String base, long id, String name, String platform, String serial)
    {
        return """
                {"id": %d, "url": "%s/api/dcim/devices/%d/", "display": "%s", "name": "%s",
                 "device_type": {"id": 7, "url": "%s/api/dcim/device-types/7/", "display": "DCS-7050SX3-48YC8",
                                 "manufacturer": {"id": 2, "url": "%s/api/dcim/manufacturers/2/", "display": "Arista", "name": "Arista", "slug": "arista"},
                                 "model": "DCS-7050SX3-48YC8", "slug": "dcs-7050sx3-48yc8"},
                 "role": {"id": 1, "url": "%s/api/dcim/device-roles/1/", "display": "Leaf", "name": "Leaf", "slug": "leaf"},
                 "platform": {"id": 3, "url": "%s/api/dcim/platforms/3/", "display": "EOS", "name": "EOS", "slug": "%s"},
                 "serial": "%s", "asset_tag": null,
                 "site": {"id": 4, "url": "%s/api/dcim/sites/4/", "display": "FRA1", "name": "FRA1", "slug": "fra1"},
                 "status": {"value": "active", "label": "Active"},
                 "primary_ip": {"id": 91, "url": "%s/api/ipam/ip-addresses/91/", "display": "192.0.2.%d/24", "family": 4, "address": "192.0.2.%d/24"},
                 "primary_ip4": {"id": 91, "url": "%s/api/ipam/ip-addresses/91/", "display": "192.0.2.%d/24", "family": 4, "address": "192.0.2.%d/24"},
                 "primary_ip6": null,
                 "tags": [{"id": 1, "url": "%s/api/extras/tags/1/", "display": "core", "name": "core", "slug": "core"}],
                 "custom_fields": {"hw_refreshed": null, "os_version": "4.30.1F"},
                 "created": "2026-01-05T10:00:00.000000Z", "last_updated": "2026-11-01T08:00:00.000000Z"}
                """.formatted(id, base, id, name, name, base, base, base, base, platform, serial, base, base, id, id, base, id, id, base);
    }

    static String deviceWithContext(String base, long id, String name)
    {
        String device = device(base, id, name, "eos", "JPE123");
        return device.substring(0, device.lastIndexOf('}')) + ", \"config_context\": {\"ntp\": [\"192.0.2.123\"], \"snmp\": {\"community_ref\": \"snmp-ro\"}}}";
    }

    static String page(int count, String next, String... results)
    {
        return "{\"count\": " + count + ", \"next\": " + (next == null ? "null" : "\"" + next + "\"") + ", \"previous\": null, \"results\": ["
                + String.join(",", results) + "]}";
    }
}
