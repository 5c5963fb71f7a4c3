package io.netcron.jobs.discovery;

import io.netcron.jobs.common.FanOutSettings;
import io.netcron.jobs.common.ParamChecks;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

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
        platforms = ParamChecks.list(platforms);
        roles = ParamChecks.list(roles);
        sites = ParamChecks.list(sites);
        tags = ParamChecks.list(tags);
        status = status == null ? "" : status;
        devices = ParamChecks.list(devices);
        platformMap = platformMap == null ? Map.of() : Map.copyOf(platformMap);
        eapiTlsPin = eapiTlsPin == null ? "" : eapiTlsPin;
        excludeInterfaces = ParamChecks.list(excludeInterfaces);
        ParamChecks.credential(credential);
        if (!"https".equals(eapiScheme) && !"http".equals(eapiScheme)) {
            throw new IllegalArgumentException("eapi_scheme must be https or http, got " + eapiScheme);
        }
        ParamChecks.port("ssh_port", sshPort);
        ParamChecks.port("eapi_port", eapiPort);
        ParamChecks.fanOut(concurrency, maxFailureShare);
        ParamChecks.positive("per_device_timeout_ms", perDeviceTimeoutMs);
        ParamChecks.regexes("exclude_interfaces", excludeInterfaces);
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

    FanOutSettings fanOutSettings()
    {
        return FanOutSettings.of(concurrency, perDeviceTimeoutMs, maxFailureShare);
    }

    List<Pattern> excludePatterns()
    {
        return excludeInterfaces.stream().map(Pattern::compile).toList();
    }
}
