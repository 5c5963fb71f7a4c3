package io.netcron.jobs.monitoring;

import io.netcron.jobs.common.ParamChecks;

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
        hosts = ParamChecks.list(hosts);
        roles = ParamChecks.list(roles);
        tags = ParamChecks.list(tags);
        platforms = ParamChecks.list(platforms);
        statuses = ParamChecks.list(statuses);
        tlsPins = tlsPins == null ? Map.of() : Map.copyOf(tlsPins);
        credential = credential == null || credential.isBlank() ? "ilo" : credential;
        tlsCaFile = tlsCaFile == null || tlsCaFile.isBlank() ? null : tlsCaFile;
        ParamChecks.port("port", port);
        if (tlsCaFile != null && tlsInsecure) {
            throw new IllegalArgumentException("tls_ca_file and tls_insecure exclude each other");
        }
        if (certWarningDays < 0) {
            throw new IllegalArgumentException("cert_warning_days must be >= 0, got " + certWarningDays);
        }
        ParamChecks.positive("timeout_ms", timeoutMs);
        ParamChecks.fanOut(concurrency, maxFailureShare);
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
