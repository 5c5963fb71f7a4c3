package io.netcron.jobs.discovery;

import io.netcron.jobs.common.FanOutSettings;
import io.netcron.jobs.common.ParamChecks;

import java.util.List;
import java.util.Locale;

/**
 * Params of {@link AddressDiscoveryJob}. Prefixes: NetBox prefixes with any of {@code prefix_tags}
 * or any of {@code prefix_roles} (and {@code prefix_status}); at least one tag or role is required
 * so nothing is swept by accident. {@code method} {@code tcp} connects to {@code tcp_ports} (a
 * refusal counts as a live host when {@code refused_is_up}), {@code icmp} pings. A prefix with
 * more host bits than {@code max_prefix_length} allows is skipped, never swept.
 */
public record AddressDiscoveryParams(
        List<String> prefixTags,
        List<String> prefixRoles,
        String prefixStatus,
        String method,
        List<Integer> tcpPorts,
        boolean refusedIsUp,
        int maxPrefixLength,
        boolean createNew,
        String newStatus,
        String seenStatus,
        String missingStatus,
        boolean markMissing,
        String lastSeenField,
        String lastSeenFormat,
        String dnsServer,
        int dnsPort,
        boolean dryRun,
        int concurrency,
        long perPrefixTimeoutMs,
        double maxFailureShare)
{
    public AddressDiscoveryParams
    {
        prefixTags = ParamChecks.list(prefixTags);
        prefixRoles = ParamChecks.list(prefixRoles);
        prefixStatus = prefixStatus == null ? "" : prefixStatus;
        method = method == null ? "tcp" : method.toLowerCase(Locale.ROOT);
        tcpPorts = ParamChecks.list(tcpPorts);
        newStatus = blankIfNull(newStatus);
        seenStatus = blankIfNull(seenStatus);
        missingStatus = blankIfNull(missingStatus);
        lastSeenField = blankIfNull(lastSeenField);
        lastSeenFormat = lastSeenFormat == null ? "date" : lastSeenFormat;
        dnsServer = blankIfNull(dnsServer);
        if (prefixTags.isEmpty() && prefixRoles.isEmpty()) {
            throw new IllegalArgumentException("prefix_tags or prefix_roles must name at least one tag or role");
        }
        if (!method.equals("tcp") && !method.equals("icmp")) {
            throw new IllegalArgumentException("method must be tcp or icmp, got " + method);
        }
        if (method.equals("tcp") && tcpPorts.isEmpty()) {
            throw new IllegalArgumentException("tcp_ports must name at least one port for method tcp");
        }
        for (int port : tcpPorts) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("tcp_ports: " + port + " is not a port");
            }
        }
        if (maxPrefixLength < 8 || maxPrefixLength > 32) {
            throw new IllegalArgumentException("max_prefix_length must be between 8 and 32, got " + maxPrefixLength);
        }
        if (createNew && newStatus.isBlank()) {
            throw new IllegalArgumentException("new_status must be a NetBox status when create_new is on");
        }
        if (markMissing && (missingStatus.isBlank() || seenStatus.isBlank())) {
            throw new IllegalArgumentException("mark_missing needs seen_status and missing_status");
        }
        if (!lastSeenFormat.equals("date") && !lastSeenFormat.equals("datetime")) {
            throw new IllegalArgumentException("last_seen_format must be date or datetime, got " + lastSeenFormat);
        }
        ParamChecks.port("dns_port", dnsPort);
        ParamChecks.fanOut(concurrency, maxFailureShare);
        ParamChecks.positive("per_prefix_timeout_ms", perPrefixTimeoutMs);
    }

    public static AddressDiscoveryParams defaults()
    {
        return new AddressDiscoveryParams(List.of("discover"), List.of(), "active", "tcp", List.of(22, 80, 443), true, 24, true, "active",
                "active", "deprecated", false, "last_seen", "date", "", 53, false, 2, 600_000, 0.5);
    }

    FanOutSettings fanOutSettings()
    {
        return FanOutSettings.of(concurrency, perPrefixTimeoutMs, maxFailureShare);
    }

    private static String blankIfNull(String value)
    {
        return value == null ? "" : value.strip();
    }
}
