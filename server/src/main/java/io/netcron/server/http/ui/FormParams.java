package io.netcron.server.http.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netcron.http.Json;

import java.util.Optional;

/**
 * The run-now form's params: a JSON object, or one {@code key=value} a line (a value that parses as
 * JSON is taken as JSON, else as text), like the CLI's {@code --param}.
 */
final class FormParams
{
    private FormParams() {}

    static Optional<String> toJson(String text)
    {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (trimmed.startsWith("{")) {
                JsonNode node = Json.MAPPER.readTree(trimmed);
                if (!node.isObject()) {
                    throw new IllegalArgumentException("params must be a JSON object");
                }
                return Optional.of(Json.MAPPER.writeValueAsString(node));
            }
            ObjectNode node = Json.MAPPER.createObjectNode();
            for (String line : trimmed.split("\\R")) {
                if (line.isBlank()) {
                    continue;
                }
                int equals = line.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException("params line '" + line.strip() + "' is not key=value");
                }
                node.set(line.substring(0, equals).strip(), value(line.substring(equals + 1).strip()));
            }
            return Optional.of(Json.MAPPER.writeValueAsString(node));
        }
        catch (JsonProcessingException e) {
            throw new IllegalArgumentException("params are not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static JsonNode value(String value)
    {
        if (value.isEmpty()) {
            return Json.MAPPER.getNodeFactory().textNode(value);
        }
        try {
            return Json.MAPPER.readTree(value);
        }
        catch (JsonProcessingException e) {
            return Json.MAPPER.getNodeFactory().textNode(value);
        }
    }
}
