package io.netcron.jobs.backup;

import io.netcron.jobs.discovery.DeviceEntry;
import io.netcron.jobs.discovery.DeviceSource;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

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
        platforms = platforms == null ? List.of() : List.copyOf(platforms);
        roles = roles == null ? List.of() : List.copyOf(roles);
        sites = sites == null ? List.of() : List.copyOf(sites);
        tags = tags == null ? List.of() : List.copyOf(tags);
        status = status == null ? "" : status;
        devices = devices == null ? List.of() : List.copyOf(devices);
        platformMap = platformMap == null ? Map.of() : Map.copyOf(platformMap);
        remoteUrl = remoteUrl == null ? "" : remoteUrl.strip();
        pushCredential = pushCredential == null ? "" : pushCredential;
        extraFilters = extraFilters == null ? List.of() : List.copyOf(extraFilters);
        if (credential == null || credential.isBlank()) {
            throw new IllegalArgumentException("credential must name a stored credential");
        }
        if (repository == null || repository.isBlank()) {
            throw new IllegalArgumentException("repository must be a directory");
        }
        if (push && remoteUrl.isEmpty()) {
            throw new IllegalArgumentException("push needs a remote_url");
        }
        if (sshPort < 1 || sshPort > 65535) {
            throw new IllegalArgumentException("ssh_port must be between 1 and 65535, got " + sshPort);
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
        for (String filter : extraFilters) {
            try {
                Pattern.compile(filter);
            }
            catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("extra_filters: not a regex: " + filter);
            }
        }
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

    List<Pattern> extraPatterns()
    {
        return extraFilters.stream().map(Pattern::compile).toList();
    }
}
