package io.netcron.jobs.discovery;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Params of {@link SviImportJob}. Devices: {@code devices} (each must exist in NetBox by name) when
 * given, else NetBox devices matching {@code platforms}, {@code roles}, {@code sites}, {@code tags}
 * and {@code status}. EOS is read through eAPI ({@code eapi_scheme}, {@code eapi_port}, TLS by
 * system CAs, {@code eapi_tls_pin} or {@code eapi_tls_insecure}); the others over SSH on
 * {@code ssh_port}. {@code exclude_interfaces}: regexes of interface names to leave alone.
 */
public record SviImportParams(
        List<String> platforms,
        List<String> roles,
        List<String> sites,
        List<String> tags,
        String status,
        List<DeviceEntry> devices,
        Map<String, String> platformMap,
        String credential,
        int sshPort,
        String eapiScheme,
        int eapiPort,
        boolean eapiTlsInsecure,
        String eapiTlsPin,
        List<String> excludeInterfaces,
        boolean dryRun,
        int concurrency,
        long perDeviceTimeoutMs,
        double maxFailureShare)
{
    public SviImportParams
    {
        platforms = platforms == null ? List.of() : List.copyOf(platforms);
        roles = roles == null ? List.of() : List.copyOf(roles);
        sites = sites == null ? List.of() : List.copyOf(sites);
        tags = tags == null ? List.of() : List.copyOf(tags);
        status = status == null ? "" : status;
        devices = devices == null ? List.of() : List.copyOf(devices);
        platformMap = platformMap == null ? Map.of() : Map.copyOf(platformMap);
        eapiTlsPin = eapiTlsPin == null ? "" : eapiTlsPin;
        excludeInterfaces = excludeInterfaces == null ? List.of() : List.copyOf(excludeInterfaces);
        if (credential == null || credential.isBlank()) {
            throw new IllegalArgumentException("credential must name a stored credential");
        }
        if (!"https".equals(eapiScheme) && !"http".equals(eapiScheme)) {
            throw new IllegalArgumentException("eapi_scheme must be https or http, got " + eapiScheme);
        }
        if (sshPort < 1 || sshPort > 65535 || eapiPort < 1 || eapiPort > 65535) {
            throw new IllegalArgumentException("ssh_port and eapi_port must be between 1 and 65535");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, got " + concurrency);
        }
        if (perDeviceTimeoutMs < 1) {
            throw new IllegalArgumentException("per_device_timeout_ms must be > 0, got " + perDeviceTimeoutMs);
        }
        if (!(maxFailureShare >= 0 && maxFailureShare <= 1)) {
            throw new IllegalArgumentException("max_failure_share must be within 0..1, got " + maxFailureShare);
        }
        for (String regex : excludeInterfaces) {
            try {
                Pattern.compile(regex);
            }
            catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("exclude_interfaces: not a regex: " + regex);
            }
        }
    }

    public static SviImportParams defaults()
    {
        return new SviImportParams(List.of(), List.of(), List.of(), List.of(), "active", List.of(), Map.of(), "network", 22,
                "https", 443, false, "", List.of(), false, 8, 120_000, 0.5);
    }

    DeviceSource source()
    {
        return new DeviceSource(platforms, roles, sites, tags, status, devices, platformMap, credential, sshPort);
    }

    List<Pattern> excludePatterns()
    {
        return excludeInterfaces.stream().map(Pattern::compile).toList();
    }
}
