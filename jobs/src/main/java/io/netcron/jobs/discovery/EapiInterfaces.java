package io.netcron.jobs.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Layer-3 interfaces from Arista eAPI's {@code show ip interface} (JSON-RPC {@code runCmds}):
 * {@code result[0].interfaces.<name>} with {@code interfaceAddress.primaryIp} and
 * {@code secondaryIpsOrderedList} ({@code address} + {@code maskLen}), {@code vrf}
 * ({@code default} is the global table), {@code description} and {@code interfaceStatus}.
 */
public final class EapiInterfaces
{
    private EapiInterfaces() {}

    public static List<L3Interface> parse(String device, JsonNode answer)
            throws TargetException
    {
        JsonNode error = answer.path("error");
        if (error.isObject()) {
            throw new TargetException(Outcome.FAILED, device + ": eAPI error " + error.path("code").asText() + ": " + error.path("message").asText());
        }
        JsonNode interfaces = answer.path("result").path(0).path("interfaces");
        if (!interfaces.isObject()) {
            throw new TargetException(Outcome.PARSE_ERROR, device + ": eAPI answer has no result[0].interfaces object");
        }
        List<L3Interface> parsed = new ArrayList<>();
        for (var entry : interfaces.properties()) {
            JsonNode node = entry.getValue();
            JsonNode address = node.path("interfaceAddress");
            if (address.isArray()) {
                address = address.path(0);
            }
            List<String> addresses = new ArrayList<>();
            add(addresses, address.has("primaryIp") ? address.path("primaryIp") : address.path("ipAddr"));
            for (JsonNode secondary : address.path("secondaryIpsOrderedList")) {
                add(addresses, secondary);
            }
            if (addresses.isEmpty()) {
                continue;
            }
            String vrf = node.path("vrf").asText("default");
            parsed.add(new L3Interface(node.path("name").asText(entry.getKey()), node.path("description").asText(""),
                    !"disabled".equals(node.path("interfaceStatus").asText()),
                    vrf.isEmpty() || vrf.equals("default") ? Optional.empty() : Optional.of(vrf), addresses));
        }
        return parsed;
    }

    private static void add(List<String> addresses, JsonNode ip)
    {
        String address = ip.path("address").asText("");
        int length = ip.path("maskLen").asInt(0);
        if (!address.isEmpty() && !address.equals("0.0.0.0") && length > 0) {
            addresses.add(address + "/" + length);
        }
    }
}
