package io.netcron.server.config;

import io.netcron.http.TlsTrust;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The TLS trust settings a client section shares: {@code <section>.tls-ca-file} (PEM CAs),
 * {@code <section>.tls-pin} (SHA-256 of the server certificate) or {@code <section>.tls-insecure};
 * none of them means the system CAs. At most one may be set.
 */
final class TlsTrustConfig
{
    private TlsTrustConfig() {}

    static TlsTrust read(Settings settings, String section)
    {
        String caKey = section + ".tls-ca-file";
        String pinKey = section + ".tls-pin";
        String insecureKey = section + ".tls-insecure";
        Optional<Path> caFile = settings.optional(caKey).map(Path::of);
        Optional<String> pin = settings.optional(pinKey);
        boolean insecure = settings.bool(insecureKey, false);
        List<String> chosen = new ArrayList<>();
        caFile.ifPresent(ignored -> chosen.add(caKey));
        pin.ifPresent(ignored -> chosen.add(pinKey));
        if (insecure) {
            chosen.add(insecureKey);
        }
        if (chosen.size() > 1) {
            settings.error(chosen.getFirst(), "choose one TLS trust, not " + String.join(" and ", chosen));
            return TlsTrust.systemCas();
        }
        if (caFile.isPresent()) {
            if (!Files.isReadable(caFile.get())) {
                settings.error(caKey, "the CA file " + caFile.get() + " does not exist or is not readable");
                return TlsTrust.systemCas();
            }
            return TlsTrust.caFile(caFile.get());
        }
        if (pin.isPresent()) {
            try {
                return TlsTrust.pinned(pin.get());
            }
            catch (IllegalArgumentException e) {
                settings.error(pinKey, e.getMessage());
                return TlsTrust.systemCas();
            }
        }
        return insecure ? TlsTrust.insecure() : TlsTrust.systemCas();
    }

    /** An optional http(s) URL setting. */
    static Optional<java.net.URI> url(Settings settings, String key)
    {
        Optional<String> raw = settings.optional(key);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            java.net.URI uri = new java.net.URI(raw.get());
            if (uri.getHost() == null || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                settings.error(key, "must be an http:// or https:// URL with a host, got '" + Settings.maskPasswords(raw.get()) + "'");
                return Optional.empty();
            }
            if (uri.getRawUserInfo() != null || uri.getRawQuery() != null) {
                settings.error(key, "must not carry a user, password or query: put the token in the credential store");
                return Optional.empty();
            }
            return Optional.of(uri);
        }
        catch (java.net.URISyntaxException e) {
            settings.error(key, "is not a URL: " + e.getReason());
            return Optional.empty();
        }
    }
}
