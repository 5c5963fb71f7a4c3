package io.netcron.jobs.hardware;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.time.Duration;
import java.util.List;

/**
 * Params of every {@code refresh-hwinfo-*} job. Device filter (NetBox slugs/values; an empty
 * {@code platform} means the job's own platforms), write-back switches and fan-out limits.
 * {@code inventory_file} (a Nornir-style YAML file) replaces NetBox as the device source.
 * {@code director}/{@code director_pin} are read by the Versa job only, {@code ansible_command} by
 * the Ansible job only. {@code connection} is how the job's devices are reached unless a device's
 * own overrides say otherwise (see {@link ConnectionParams}). {@code per_device_timeout} is ISO-8601 ({@code PT30S}) or seconds.
 */
public record HwinfoParams(
        List<String> platform,
        List<String> role,
        List<String> site,
        List<String> tag,
        List<String> status,
        List<String> name,
        boolean dryRun,
        int concurrency,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Duration perDeviceTimeout, // ISO-8601 (PT30S) in netcron.job.params, not 3E+1
        double failureShare,
        String inventoryFile,
        String swVersionField,
        String refreshedAtField,
        String director,
        String directorPin,
        String ansibleCommand,
        ConnectionParams connection)
{
    public static final int DEFAULT_CONCURRENCY = 32;
    public static final Duration DEFAULT_PER_DEVICE_TIMEOUT = Duration.ofSeconds(60);
    public static final double DEFAULT_FAILURE_SHARE = 0.5;
    public static final String DEFAULT_SW_VERSION_FIELD = "sw_version";
    public static final String DEFAULT_REFRESHED_AT_FIELD = "hwinfo_refreshed_at";

    public HwinfoParams
    {
        platform = list(platform);
        role = list(role);
        site = list(site);
        tag = list(tag);
        status = status == null ? List.of("active") : List.copyOf(status);
        name = list(name);
        perDeviceTimeout = perDeviceTimeout == null ? DEFAULT_PER_DEVICE_TIMEOUT : perDeviceTimeout;
        inventoryFile = blankToEmpty(inventoryFile);
        swVersionField = swVersionField == null ? DEFAULT_SW_VERSION_FIELD : swVersionField.strip();
        refreshedAtField = refreshedAtField == null ? DEFAULT_REFRESHED_AT_FIELD : refreshedAtField.strip();
        director = blankToEmpty(director);
        directorPin = blankToEmpty(directorPin);
        ansibleCommand = ansibleCommand == null || ansibleCommand.isBlank() ? "ansible" : ansibleCommand.strip();
        connection = connection == null ? ConnectionParams.none() : connection;
        if (concurrency < 1 || concurrency > 10_000) {
            throw new IllegalArgumentException("concurrency must be within 1..10000, got " + concurrency);
        }
        if (perDeviceTimeout.isNegative() || perDeviceTimeout.isZero()) {
            throw new IllegalArgumentException("per_device_timeout must be > 0, got " + perDeviceTimeout);
        }
        if (!(failureShare >= 0 && failureShare <= 1)) {
            throw new IllegalArgumentException("failure_share must be within 0..1, got " + failureShare);
        }
    }

    public static HwinfoParams defaults()
    {
        return new HwinfoParams(null, null, null, null, null, null, false, DEFAULT_CONCURRENCY, DEFAULT_PER_DEVICE_TIMEOUT,
                DEFAULT_FAILURE_SHARE, null, null, null, null, null, null, null);
    }

    private static List<String> list(List<String> values)
    {
        return values == null ? List.of() : values.stream().filter(value -> value != null && !value.isBlank()).map(String::strip).toList();
    }

    private static String blankToEmpty(String value)
    {
        return value == null ? "" : value.strip();
    }
}
