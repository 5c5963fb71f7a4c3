package io.netcron.jobs.reports;

import io.netcron.testing.FakeHttpServer;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NetBox 4.x's REST API for the report: prefixes (a {@code within} query gives the children),
 * IP addresses (a {@code parent} query gives those inside), devices; JSON shaped as its API
 * documentation shows, one page each. A collection can be made to answer a validation error.
 */
final class FakeNetBox
        implements AutoCloseable
{
    private final FakeHttpServer peer;
    private final Map<String, String> refused = new LinkedHashMap<>();

    FakeNetBox(Map<String, List<String>> prefixesByQuery, Map<String, List<String>> addressesByQuery, List<String> devices)
            throws IOException
    {
        this.peer = FakeHttpServer.http()
                .on("/api/ipam/prefixes/", (exchange, request) -> answer(exchange, "prefixes", page(prefixesByQuery, query(request))))
                .on("/api/ipam/ip-addresses/", (exchange, request) -> answer(exchange, "ip-addresses", page(addressesByQuery, query(request))))
                .on("/api/dcim/devices/", (exchange, request) -> answer(exchange, "devices", devices))
                .start();
    }

    /** The collection answers 400 with NetBox's field errors. */
    FakeNetBox refuse(String collection, String errorJson)
    {
        refused.put(collection, errorJson);
        return this;
    }

    URI uri()
    {
        return peer.uri("");
    }

    List<FakeHttpServer.Request> requests()
    {
        return peer.requests();
    }

    private void answer(com.sun.net.httpserver.HttpExchange exchange, String collection, List<String> results)
            throws IOException
    {
        String error = refused.get(collection);
        if (error != null) {
            FakeHttpServer.json(exchange, 400, error);
            return;
        }
        FakeHttpServer.json(exchange, 200, "{\"count\": " + results.size() + ", \"next\": null, \"previous\": null, \"results\": [" + String.join(",", results) + "]}");
    }

    /** The {@code within}/{@code parent} value of the query, or "" for a plain list. */
    private static String query(FakeHttpServer.Request request)
    {
        Map<String, List<String>> query = request.query();
        return query.getOrDefault("within", query.getOrDefault("parent", List.of(""))).getFirst();
    }

    private static List<String> page(Map<String, List<String>> byQuery, String query)
    {
        return new ArrayList<>(byQuery.getOrDefault(query, List.of()));
    }

    static String prefix(long id, String prefix, String vrf, String status)
    {
        return """
                {"id": %d, "url": "http://netbox/api/ipam/prefixes/%d/", "display": "%s", "family": {"value": %d, "label": "IPv%d"},
                 "prefix": "%s", "vrf": %s, "status": {"value": "%s", "label": "%s"}, "is_pool": false, "mark_utilized": false,
                 "description": "", "custom_fields": {}, "children": 0, "_depth": 0}
                """.formatted(id, id, prefix, prefix.contains(":") ? 6 : 4, prefix.contains(":") ? 6 : 4, prefix, vrf(vrf), status, status);
    }

    static String address(long id, String address, String vrf, String lastSeen)
    {
        return """
                {"id": %d, "url": "http://netbox/api/ipam/ip-addresses/%d/", "display": "%s", "family": {"value": 4, "label": "IPv4"},
                 "address": "%s", "vrf": %s, "status": {"value": "active", "label": "Active"}, "dns_name": "h%d.example.net",
                 "description": "", "assigned_object_type": null, "assigned_object_id": null, "custom_fields": {"last_seen": %s}}
                """.formatted(id, id, address, address, vrf(vrf), id, lastSeen == null ? "null" : "\"" + lastSeen + "\"");
    }

    static String device(long id, String name, String serial, String swVersion)
    {
        return """
                {"id": %d, "url": "http://netbox/api/dcim/devices/%d/", "display": "%s", "name": "%s",
                 "role": {"id": 1, "name": "Leaf", "slug": "leaf"}, "platform": {"id": 3, "name": "EOS", "slug": "eos"},
                 "site": {"id": 4, "name": "FRA1", "slug": "fra1"}, "status": {"value": "active", "label": "Active"}, "serial": "%s",
                 "primary_ip": null, "primary_ip4": null, "primary_ip6": null, "custom_fields": {"sw_version": %s}}
                """.formatted(id, id, name, name, serial, swVersion == null ? "null" : "\"" + swVersion + "\"");
    }

    private static String vrf(String vrf)
    {
        return vrf == null ? "null" : "{\"id\": 9, \"name\": \"" + vrf + "\", \"rd\": \"65000:9\"}";
    }

    @Override
    public void close()
    {
        peer.close();
    }
}
