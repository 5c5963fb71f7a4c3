package io.netcron.jobs.reports;

import io.netcron.jobs.common.ParamChecks;

import java.util.List;

/**
 * Params of {@link IpamReportJob}:
 * <pre>{@code
 * {"prefix_roles": [], "prefix_tags": [], "prefix_statuses": [], "utilisation_warning": 0.8,
 *  "device_statuses": ["active"], "sw_version_field": "sw_version",
 *  "address_statuses": ["active"], "last_seen_field": "last_seen", "stale_days": 30, "include_never_seen": false,
 *  "file_prefix": "ipam-report", "splunk": true, "concurrency": 8, "max_failure_share": 0.5}
 * }</pre>
 */
public record IpamReportParams(
        List<String> prefixRoles,
        List<String> prefixTags,
        List<String> prefixStatuses,
        double utilisationWarning,
        List<String> deviceStatuses,
        String swVersionField,
        List<String> addressStatuses,
        String lastSeenField,
        int staleDays,
        boolean includeNeverSeen,
        String filePrefix,
        boolean splunk,
        int concurrency,
        double maxFailureShare)
{
    public IpamReportParams
    {
        prefixRoles = ParamChecks.list(prefixRoles);
        prefixTags = ParamChecks.list(prefixTags);
        prefixStatuses = ParamChecks.list(prefixStatuses);
        deviceStatuses = ParamChecks.list(deviceStatuses);
        addressStatuses = ParamChecks.list(addressStatuses);
        if (!(utilisationWarning >= 0 && utilisationWarning <= 1)) {
            throw new IllegalArgumentException("utilisation_warning must be within 0..1, got " + utilisationWarning);
        }
        if (swVersionField == null || swVersionField.isBlank()) {
            throw new IllegalArgumentException("sw_version_field must not be empty");
        }
        if (lastSeenField == null || lastSeenField.isBlank()) {
            throw new IllegalArgumentException("last_seen_field must not be empty");
        }
        if (staleDays < 0) {
            throw new IllegalArgumentException("stale_days must be >= 0, got " + staleDays);
        }
        if (filePrefix == null || !filePrefix.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("file_prefix must be a plain file name start (letters, digits, . _ -), got '" + filePrefix + "'");
        }
        ParamChecks.fanOut(concurrency, maxFailureShare);
    }

    public static IpamReportParams defaults()
    {
        return new IpamReportParams(List.of(), List.of(), List.of(), 0.8, List.of("active"), "sw_version", List.of("active"), "last_seen", 30, false,
                "ipam-report", true, 8, 0.5);
    }
}
