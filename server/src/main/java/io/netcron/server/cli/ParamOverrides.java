package io.netcron.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netcron.server.execution.Json;

import java.util.Map;
import java.util.Optional;

/** {@code --param KEY=VALUE} options as a JSON object: VALUE is JSON if it parses, else text. */
final class ParamOverrides
{
    private ParamOverrides() {}

    static Optional<String> toJson(Map<String, String> params)
    {
        if (params.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode node = Json.MAPPER.createObjectNode();
        params.forEach((key, value) -> node.set(key, parseValue(value)));
        try {
            return Optional.of(Json.MAPPER.writeValueAsString(node));
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parseValue(String value)
    {
        try {
            return Json.MAPPER.readTree(value);
        }
        catch (JsonProcessingException e) {
            return Json.MAPPER.getNodeFactory().textNode(value);
        }
    }
}
