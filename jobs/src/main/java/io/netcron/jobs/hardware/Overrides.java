package io.netcron.jobs.hardware;

import io.netcron.http.TlsTrust;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Per-device connection overrides, read from the NetBox config context under {@code netcron} or an
 * inventory host's {@code data}: {@code address}, {@code port}, {@code scheme}, {@code credential},
 * {@code tls: {pin: <sha256> | ca: <pem file> | insecure: true}}, and free options.
 */
record Overrides(Optional<String> address, Optional<Integer> port, Optional<String> scheme, Optional<String> credential,
                 Optional<TlsTrust> trust, Map<String, Object> options)
{
    static final String CONTEXT_KEY = "netcron";

    static Overrides none()
    {
        return new Overrides(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
    }

    /** Reads the overrides; a malformed value is an {@link IllegalArgumentException} naming the key. */
    static Overrides from(Map<?, ?> values)
    {
        if (values == null || values.isEmpty()) {
            return none();
        }
        Map<String, Object> options = new LinkedHashMap<>();
        values.forEach((key, value) -> options.put(String.valueOf(key), value));
        return new Overrides(text(values.get("address")), port(values.get("port")), text(values.get("scheme")).map(Overrides::scheme),
                text(values.get("credential")), trust(values.get("tls")), options);
    }

    Overrides orElse(Overrides fallback)
    {
        Map<String, Object> merged = new LinkedHashMap<>(fallback.options);
        merged.putAll(options);
        return new Overrides(address.or(fallback::address), port.or(fallback::port), scheme.or(fallback::scheme),
                credential.or(fallback::credential), trust.or(fallback::trust), merged);
    }

    private static Optional<String> text(Object value)
    {
        return value == null || String.valueOf(value).isBlank() ? Optional.empty() : Optional.of(String.valueOf(value).strip());
    }

    private static Optional<Integer> port(Object value)
    {
        if (value == null) {
            return Optional.empty();
        }
        try {
            int port = value instanceof Number number ? number.intValue() : Integer.parseInt(String.valueOf(value).strip());
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be within 1..65535, got " + value);
            }
            return Optional.of(port);
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("port must be a number, got '" + value + "'");
        }
    }

    private static String scheme(String value)
    {
        if (!value.equalsIgnoreCase("http") && !value.equalsIgnoreCase("https")) {
            throw new IllegalArgumentException("scheme must be http or https, got '" + value + "'");
        }
        return value.toLowerCase(java.util.Locale.ROOT);
    }

    private static Optional<TlsTrust> trust(Object value)
    {
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Map<?, ?> tls)) {
            throw new IllegalArgumentException("tls must be an object with pin, ca or insecure");
        }
        if (tls.get("pin") != null) {
            return Optional.of(TlsTrust.pinned(String.valueOf(tls.get("pin"))));
        }
        if (tls.get("ca") != null) {
            return Optional.of(TlsTrust.caFile(Path.of(String.valueOf(tls.get("ca")))));
        }
        if (Boolean.TRUE.equals(tls.get("insecure")) || "true".equals(String.valueOf(tls.get("insecure")))) {
            return Optional.of(TlsTrust.insecure());
        }
        return Optional.empty();
    }
}
