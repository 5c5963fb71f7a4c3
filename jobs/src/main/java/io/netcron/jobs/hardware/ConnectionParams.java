package io.netcron.jobs.hardware;

import io.netcron.http.TlsTrust;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code connection} params of a {@code refresh-hwinfo-*} job: how every device of that job's
 * platform is reached unless its NetBox config context ({@code netcron}) or inventory data says
 * otherwise (device override, then these, then the driver's default). All optional: {@code port},
 * {@code scheme} (http/https), at most one of {@code tls_pin}, {@code tls_ca_file},
 * {@code tls_insecure}, and {@code api_version} for drivers with a versioned API (Aruba AOS-CX).
 */
public record ConnectionParams(Integer port, String scheme, String tlsPin, String tlsCaFile, Boolean tlsInsecure, String apiVersion)
{
    public ConnectionParams
    {
        scheme = scheme == null ? "" : scheme.strip().toLowerCase(Locale.ROOT);
        tlsPin = tlsPin == null ? "" : tlsPin.strip();
        tlsCaFile = tlsCaFile == null ? "" : tlsCaFile.strip();
        apiVersion = apiVersion == null ? "" : apiVersion.strip();
        tlsInsecure = Boolean.TRUE.equals(tlsInsecure); // absent in a partial connection object: false
        if (port != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("connection.port must be within 1..65535, got " + port);
        }
        if (!scheme.isEmpty() && !scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("connection.scheme must be http or https, got '" + scheme + "'");
        }
        int trusts = (tlsPin.isEmpty() ? 0 : 1) + (tlsCaFile.isEmpty() ? 0 : 1) + (tlsInsecure ? 1 : 0);
        if (trusts > 1) {
            throw new IllegalArgumentException("connection: set at most one of tls_pin, tls_ca_file and tls_insecure");
        }
        if (!tlsPin.isEmpty()) {
            try {
                TlsTrust.pinned(tlsPin);
            }
            catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("connection.tls_pin: " + e.getMessage());
            }
        }
        if (!apiVersion.isEmpty() && !apiVersion.matches("[A-Za-z0-9._-]{1,32}")) {
            throw new IllegalArgumentException("connection.api_version must be a version like v10.04, got '" + apiVersion + "'");
        }
    }

    public static ConnectionParams none()
    {
        return new ConnectionParams(null, null, null, null, false, null);
    }

    /** These params as the fallback below a device's own overrides. */
    Overrides overrides()
    {
        Optional<TlsTrust> trust = !tlsPin.isEmpty() ? Optional.of(TlsTrust.pinned(tlsPin))
                : !tlsCaFile.isEmpty() ? Optional.of(TlsTrust.caFile(Path.of(tlsCaFile)))
                : tlsInsecure ? Optional.of(TlsTrust.insecure()) : Optional.empty();
        Map<String, Object> options = apiVersion.isEmpty() ? Map.of() : Map.of("api_version", apiVersion);
        return new Overrides(Optional.empty(), Optional.ofNullable(port), Optional.of(scheme).filter(text -> !text.isEmpty()),
                Optional.empty(), trust, options);
    }
}
