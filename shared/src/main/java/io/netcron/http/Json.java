package io.netcron.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;

import java.io.IOException;

/** The clients' one Jackson mapper (java.time as ISO-8601 text, unknown fields ignored) and parse helpers. */
public final class Json
{
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {}

    /** The body as a tree, or PARSE_ERROR naming the target and request. */
    public static JsonNode tree(String target, String request, byte[] body)
            throws TargetException
    {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new TargetException(Outcome.PARSE_ERROR, target + ": empty answer to " + request + " where JSON was expected");
            }
            return node;
        }
        catch (JsonProcessingException e) {
            throw new TargetException(Outcome.PARSE_ERROR, target + ": malformed JSON in the answer to " + request + ": " + firstLine(e.getOriginalMessage()));
        }
        catch (IOException e) {
            throw new TargetException(Outcome.PARSE_ERROR, target + ": unreadable answer to " + request + ": " + firstLine(e.getMessage()));
        }
    }

    /** The body as {@code type}, or PARSE_ERROR. */
    public static <T> T read(String target, String request, byte[] body, Class<T> type)
            throws TargetException
    {
        JsonNode node = tree(target, request, body);
        try {
            return MAPPER.treeToValue(node, type);
        }
        catch (JsonProcessingException | IllegalArgumentException e) {
            throw new TargetException(Outcome.PARSE_ERROR, target + ": unexpected JSON in the answer to " + request + ": " + firstLine(e.getMessage()));
        }
    }

    public static byte[] write(Object value)
    {
        try {
            return MAPPER.writeValueAsBytes(value);
        }
        catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + firstLine(e.getOriginalMessage()), e);
        }
    }

    static String firstLine(String text)
    {
        if (text == null) {
            return "";
        }
        String line = text.lines().findFirst().orElse("");
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }
}
