package io.netcron.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Optional;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Binds a run's params (a JSON object) to the job's params record. Record components are
 * {@code camelCase} in Java and {@code snake_case} in JSON ({@code durationMs} is
 * {@code duration_ms}). Defaults are Java: a {@code public static P defaults()} method whose
 * value fills the fields the JSON leaves out, and/or a compact constructor that replaces nulls.
 * Constraints are checked in the compact constructor by throwing {@link IllegalArgumentException}
 * with a message that names the field; unknown fields and wrong types are refused.
 */
public final class JobParams
{
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private JobParams() {}

    /** The typed params, or an {@link InvalidParamsException} naming the field that does not fit. */
    public static <P> P bind(JsonNode params, Class<P> type)
    {
        requireNonNull(type, "type is null");
        if (params != null && !params.isNull() && !params.isObject()) {
            throw new InvalidParamsException("params must be a JSON object, got: " + params);
        }
        ObjectNode merged = defaultsTree(type).orElseGet(MAPPER::createObjectNode);
        if (params != null && params.isObject()) {
            merged.setAll((ObjectNode) params);
        }
        try {
            return MAPPER.treeToValue(merged, type);
        }
        catch (JsonMappingException e) {
            throw new InvalidParamsException(describe(e, type));
        }
        catch (JsonProcessingException e) {
            throw new InvalidParamsException("params: " + e.getOriginalMessage());
        }
    }

    /** The params a job runs with when none are given: what is written into {@code netcron.job.params} at discovery. */
    public static JsonNode defaults(Class<?> type)
    {
        return MAPPER.valueToTree(bind(MAPPER.createObjectNode(), type));
    }

    /** The typed value as JSON (snake_case), e.g. for a test that passes a params record. */
    public static ObjectNode toJson(Object params)
    {
        return MAPPER.valueToTree(requireNonNull(params, "params is null"));
    }

    private static Optional<ObjectNode> defaultsTree(Class<?> type)
    {
        Method method;
        try {
            method = type.getMethod("defaults");
        }
        catch (NoSuchMethodException e) {
            return Optional.empty();
        }
        if (!Modifier.isStatic(method.getModifiers()) || !type.isAssignableFrom(method.getReturnType())) {
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.valueToTree(method.invoke(null)));
        }
        catch (InvocationTargetException e) {
            throw new InvalidParamsException("params: " + (e.getCause() == null ? e : e.getCause().getMessage()));
        }
        catch (IllegalAccessException e) {
            throw new IllegalStateException(type.getName() + ".defaults() cannot be called: " + e.getMessage(), e);
        }
    }

    private static String describe(JsonMappingException e, Class<?> type)
    {
        String field = e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
        if (e instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? "" : unknown.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            return "params: unknown field '" + unknown.getPropertyName() + "'" + (known.isEmpty() ? "" : " (known: " + known + ")");
        }
        if (e instanceof ValueInstantiationException) {
            Throwable cause = e.getCause();
            while (cause instanceof InvocationTargetException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            return "params: " + (cause == null || cause.getMessage() == null ? e.getOriginalMessage() : cause.getMessage());
        }
        if (e instanceof InvalidFormatException format) {
            return "params: field '" + field + "' must be " + typeName(format.getTargetType()) + ", got " + quoted(format.getValue());
        }
        if (e instanceof MismatchedInputException && !field.isEmpty() && String.valueOf(e.getOriginalMessage()).contains("`null`")) {
            return "params: field '" + field + "' is required (it has no default)";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null && !field.isEmpty()) {
            return "params: field '" + field + "' must be " + typeName(mismatch.getTargetType());
        }
        return "params" + (field.isEmpty() ? "" : " field '" + field + "'") + ": " + e.getOriginalMessage();
    }

    private static String typeName(Class<?> type)
    {
        if (type == null) {
            return "of another type";
        }
        if (type == long.class || type == Long.class || type == int.class || type == Integer.class || type == short.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            StringBuilder names = new StringBuilder();
            for (Object constant : type.getEnumConstants()) {
                names.append(names.isEmpty() ? "" : ", ").append(constant);
            }
            return "one of " + names;
        }
        return "a " + type.getSimpleName();
    }

    private static String quoted(Object value)
    {
        return value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
    }
}
