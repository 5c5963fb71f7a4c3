package io.netcron.server.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netcron.job.JobParams;
import io.netcron.server.catalog.JobType;

import java.util.Optional;

/** A run's params: a JSON object, the job's own merged with a run's overrides (top-level keys). */
public final class Params
{
    private Params() {}

    public static JsonNode parse(String json)
            throws JsonProcessingException
    {
        JsonNode node = Json.MAPPER.readTree(json == null || json.isBlank() ? "{}" : json);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("params must be a JSON object, got: " + json);
        }
        return node;
    }

    /**
     * Parses the params and, when the job declares a params record, checks them against it, so a
     * bad value fails the run before the job starts with an error naming the field.
     */
    public static JsonNode checked(String json, JobType type)
            throws JsonProcessingException
    {
        JsonNode params = parse(json);
        type.paramsType().ifPresent(paramsType -> JobParams.bind(params, paramsType));
        return params;
    }

    /** The run's error for params that could not be used. */
    public static String error(Exception e)
    {
        String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        return message.startsWith("params") ? message : "params: " + message;
    }

    public static String merge(String baseJson, Optional<String> overrideJson)
    {
        if (overrideJson.isEmpty()) {
            return baseJson;
        }
        try {
            ObjectNode merged = (ObjectNode) parse(baseJson);
            merged.setAll((ObjectNode) parse(overrideJson.get()));
            return Json.MAPPER.writeValueAsString(merged);
        }
        catch (JsonProcessingException e) {
            throw new IllegalArgumentException("params are not a JSON object: " + e.getOriginalMessage());
        }
    }
}
