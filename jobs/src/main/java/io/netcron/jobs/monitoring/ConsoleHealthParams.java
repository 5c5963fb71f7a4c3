package io.netcron.jobs.monitoring;

import java.util.List;
import java.util.Map;

/**
 * Params of {@link ConsoleHealthMonitorJob}. Consoles are the explicit {@code hosts}
 * ({@code ilo1.example.net}, {@code 192.0.2.5:8443}) or, when none are given, the NetBox devices
 * matching {@code roles}, {@code tags} and {@code platforms} (slugs) with status {@code statuses},
 * reached at their primary address. Redfish is asked with the login in credential
 * {@code credential}; its certificate is trusted by {@code tls_pins} (host → SHA-256 fingerprint),
 * else {@code tls_ca_file}, else {@code tls_insecure}, else the system CAs.
 */
public record ConsoleHealthParams(
        List<String> hosts,
        List<String> roles,
        List<String> tags,
        List<String> platforms,
        List<String> statuses,
        int port,
        String credential,
        String tlsCaFile,
        Map<String, String> tlsPins,
        boolean tlsInsecure,
        int certWarningDays,
        long timeoutMs,
        int concurrency,
        boolean splunk,
        double maxFailureShare)
{
    public ConsoleHealthParams
    {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        roles = roles == null ? List.of() : List.copyOf(roles);
        tags = tags == null ? List.of() : List.copyOf(tags);
        platforms = platforms == null ? List.of() : List.copyOf(platforms);
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
        tlsPins = tlsPins == null ? Map.of() : Map.copyOf(tlsPins);
        credential = credential == null || credential.isBlank() ? "ilo" : credential;
        tlsCaFile = tlsCaFile == null || tlsCaFile.isBlank() ? null : tlsCaFile;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
        }
        if (tlsCaFile != null && tlsInsecure) {
            throw new IllegalArgumentException("tls_ca_file and tls_insecure exclude each other");
        }
        if (certWarningDays < 0) {
            throw new IllegalArgumentException("cert_warning_days must be >= 0, got " + certWarningDays);
        }
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException("timeout_ms must be > 0, got " + timeoutMs);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, got " + concurrency);
        }
        if (!(maxFailureShare >= 0 && maxFailureShare <= 1)) {
            throw new IllegalArgumentException("max_failure_share must be within 0..1, got " + maxFailureShare);
        }
    }

    public static ConsoleHealthParams defaults()
    {
        return new ConsoleHealthParams(List.of(), List.of(), List.of("ilo"), List.of(), List.of("active"), 443, "ilo", null, Map.of(), false,
                30, 15_000, 16, true, 0.5);
    }

    /** No explicit hosts and no NetBox filter: every device would be asked, which is never meant. */
    boolean selectsNothing()
    {
        return hosts.isEmpty() && roles.isEmpty() && tags.isEmpty() && platforms.isEmpty();
    }
}
