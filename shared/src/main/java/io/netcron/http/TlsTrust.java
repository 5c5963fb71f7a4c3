package io.netcron.http;

import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * How one target's TLS certificate is trusted. Devices often have self-signed certificates, so
 * besides the system CAs a target can name a CA file, pin its certificate, or (logged) trust anything.
 */
public sealed interface TlsTrust
{
    /** The JDK's CA certificates, with host name verification. */
    static TlsTrust systemCas()
    {
        return SystemCas.INSTANCE;
    }

    /** CA certificates from a PEM file, with host name verification. */
    static TlsTrust caFile(Path pemFile)
    {
        return new CaFile(pemFile);
    }

    /**
     * The server's certificate must have this SHA-256 fingerprint (of its DER encoding): hex with or
     * without colons, as {@code openssl x509 -noout -fingerprint -sha256} prints it (the
     * {@code sha256 Fingerprint=} prefix may stay), or base64. No CA or host name check: the pin is stronger.
     */
    static TlsTrust pinned(String fingerprint)
    {
        return new Pinned(Pinned.parse(fingerprint));
    }

    /** Any certificate; a warning is logged once per target. For lab devices only. */
    static TlsTrust insecure()
    {
        return Insecure.INSTANCE;
    }

    /** One line for logs and errors. */
    String describe();

    enum SystemCas
            implements TlsTrust
    {
        INSTANCE;

        @Override
        public String describe()
        {
            return "system CAs";
        }
    }

    enum Insecure
            implements TlsTrust
    {
        INSTANCE;

        @Override
        public String describe()
        {
            return "insecure (no certificate check)";
        }
    }

    record CaFile(Path file)
            implements TlsTrust
    {
        public CaFile
        {
            requireNonNull(file, "file is null");
        }

        @Override
        public String describe()
        {
            return "CA file " + file;
        }
    }

    /** {@code sha256} is the lower-case hex SHA-256 of the certificate's DER encoding. */
    record Pinned(String sha256)
            implements TlsTrust
    {
        private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
        private static final Pattern COLON_HEX = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){31}");

        public Pinned
        {
            requireNonNull(sha256, "sha256 is null");
            if (!HEX.matcher(sha256).matches()) {
                throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
            }
        }

        static String parse(String fingerprint)
        {
            requireNonNull(fingerprint, "fingerprint is null");
            String value = fingerprint.strip();
            int equals = value.indexOf('=');
            if (equals > 0 && value.substring(0, equals).toLowerCase(Locale.ROOT).contains("fingerprint")) {
                value = value.substring(equals + 1).strip();
            }
            if (value.regionMatches(true, 0, "sha256:", 0, 7)) {
                value = value.substring(7);
            }
            String lower = value.toLowerCase(Locale.ROOT);
            if (COLON_HEX.matcher(lower).matches()) {
                return lower.replace(":", "");
            }
            if (HEX.matcher(lower).matches()) {
                return lower;
            }
            try {
                byte[] bytes = value.contains("-") || value.contains("_") ? Base64.getUrlDecoder().decode(value) : Base64.getDecoder().decode(value);
                if (bytes.length == 32) {
                    return HexFormat.of().formatHex(bytes);
                }
            }
            catch (IllegalArgumentException ignored) {
                // not base64 either: fall through to the message below
            }
            throw new IllegalArgumentException("a TLS pin must be the SHA-256 fingerprint of the certificate: 64 hex digits (colons allowed) or 44 base64 characters");
        }

        @Override
        public String describe()
        {
            return "pinned certificate sha256 " + sha256;
        }
    }
}
