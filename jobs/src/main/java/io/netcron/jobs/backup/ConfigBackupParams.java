package io.netcron.jobs.backup;

import io.netcron.jobs.common.FanOutSettings;
import io.netcron.jobs.common.ParamChecks;
import io.netcron.jobs.discovery.DeviceEntry;
import io.netcron.jobs.discovery.DeviceSource;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Params of {@link ConfigBackupJob}. Devices: {@code devices} when given, else NetBox devices
 * matching {@code platforms}, {@code roles}, {@code sites}, {@code tags} and {@code status}. Each
 * device's configuration goes to {@code <repository>/<device name>.cfg}; {@code extra_filters} are
 * regexes of more lines to drop; {@code push} pushes to {@code remote_url} after the run.
 */
public record ConfigBackupParams(
        List<String> platforms,
        List<String> roles,
        List<String> sites,
        List<String> tags,
        String status,
        List<DeviceEntry> devices,
        Map<String, String> platformMap,
        String credential,
        int sshPort,
        String repository,
        String remoteUrl,
        boolean push,
        String pushCredential,
        List<String> extraFilters,
        boolean stripCertificates,
        boolean dryRun,
        int concurrency,
        long perDeviceTimeoutMs,
        double maxFailureShare)
{
    public ConfigBackupParams
    {
        platforms = ParamChecks.list(platforms);
        roles = ParamChecks.list(roles);
        sites = ParamChecks.list(sites);
        tags = ParamChecks.list(tags);
        status = status == null ? "" : status;
        devices = ParamChecks.list(devices);
        platformMap = platformMap == null ? Map.of() : Map.copyOf(platformMap);
        remoteUrl = remoteUrl == null ? "" : remoteUrl.strip();
        pushCredential = pushCredential == null ? "" : pushCredential;
        extraFilters = ParamChecks.list(extraFilters);
        ParamChecks.credential(credential);
        if (repository == null || repository.isBlank()) {
            throw new IllegalArgumentException("repository must be a directory");
        }
        if (push && remoteUrl.isEmpty()) {
            throw new IllegalArgumentException("push needs a remote_url");
        }
        ParamChecks.port("ssh_port", sshPort);
        ParamChecks.fanOut(concurrency, maxFailureShare);
        ParamChecks.positive("per_device_timeout_ms", perDeviceTimeoutMs);
        ParamChecks.regexes("extra_filters", extraFilters);
    }

    public static ConfigBackupParams defaults()
    {
        return new ConfigBackupParams(List.of(), List.of(), List.of(), List.of(), "active", List.of(), Map.of(), "network", 22,
                "/var/lib/netcron/config-backup", "", false, "", List.of(), false, false, 16, 120_000, 0.5);
    }

    DeviceSource source()
    {
        return new DeviceSource(platforms, roles, sites, tags, status, devices, platformMap, credential, sshPort);
    }

    FanOutSettings fanOutSettings()
    {
        return FanOutSettings.of(concurrency, perDeviceTimeoutMs, maxFailureShare);
    }

    List<Pattern> extraPatterns()
    {
        return extraFilters.stream().map(Pattern::compile).toList();
    }
}
