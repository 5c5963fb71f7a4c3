package io.netcron.jobs.reports;

import io.netcron.fanout.FanOutResult;
import io.netcron.fanout.TargetResult;
import io.netcron.ipam.Device;
import io.netcron.ipam.IpAddress;
import io.netcron.ipam.Ipam;
import io.netcron.ipam.IpamFilter;
import io.netcron.ipam.Prefix;
import io.netcron.job.Deadline;
import io.netcron.job.JobContext;
import io.netcron.job.JobFailedException;
import io.netcron.job.JobResult;
import io.netcron.job.JobSpec;
import io.netcron.job.NetcronJob;
import io.netcron.jobs.common.FanOutSettings;
import io.netcron.jobs.common.ListFilter;
import io.netcron.report.JsonFormat;
import io.netcron.report.ReportFiles;
import io.netcron.report.SplunkEvent;
import io.netcron.report.SplunkHec;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;
import jakarta.inject.Inject;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import static java.util.Objects.requireNonNull;

/**
 * IPAM analysis from NetBox, written as CSV and JSON report files (and Splunk HEC events when
 * configured): prefix utilisation (computed as NetBox's UI does, since its API does not give it),
 * devices missing a serial or a software version (custom field {@code sw_version}), and addresses
 * whose {@code last_seen} custom field is older than {@code stale_days}. One prefix that cannot be
 * read is a failed target; a section NetBox refuses is an error in the result; the other sections
 * are still written.
 */
@JobSpec(
        name = "ipam-report",
        category = "reports",
        description = "Prefix utilisation, devices missing serial or software version, addresses not seen for N days: CSV, JSON, Splunk",
        schedule = "0 30 6 * * ?",
        maxRuntime = "30m",
        paramsType = IpamReportParams.class)
public final class IpamReportJob
        implements NetcronJob
{
    static final String SOURCETYPE = "netcron:ipam_report";
    static final List<String> PREFIX_COLUMNS = List.of("prefix", "vrf", "status", "description", "size", "used", "utilisation", "warning");
    static final List<String> DEVICE_COLUMNS = List.of("device", "site", "role", "platform", "status", "serial", "sw_version", "missing_serial", "missing_sw_version");
    static final List<String> ADDRESS_COLUMNS = List.of("address", "vrf", "status", "dns_name", "last_seen", "days_since", "note");

    private final Ipam ipam;
    private final ReportFiles files;
    private final SplunkHec splunk;

    @Inject
    public IpamReportJob(Ipam ipam, ReportFiles files, SplunkHec splunk)
    {
        this.ipam = requireNonNull(ipam, "ipam is null");
        this.files = requireNonNull(files, "files is null");
        this.splunk = requireNonNull(splunk, "splunk is null");
    }

    private record Section(String name, List<Map<String, Object>> rows) {}

    @Override
    public JobResult execute(JobContext context)
            throws Exception
    {
        IpamReportParams params = context.params(IpamReportParams.class);
        Deadline deadline = context.deadline();
        Instant now = context.clock().instant();
        JobResult.Builder result = JobResult.builder();
        List<String> errors = new ArrayList<>();
        List<Path> written = new ArrayList<>();
        List<Section> sections = new ArrayList<>();
        boolean tooManyPrefixesFailed = false;

        try {
            List<Map<String, Object>> rows = new ArrayList<>();
            FanOutResult fanOut = prefixes(context, params, rows);
            tooManyPrefixesFailed = fanOut.tooManyFailed();
            result.put("prefixes", rows.size())
                    .put("prefixes_over_warning", rows.stream().filter(row -> Boolean.TRUE.equals(row.get("warning"))).count())
                    .put("prefix_counts", fanOut.toJobResult().values().get("counts"))
                    .put("prefix_failures", fanOut.toJobResult().values().get("failures"));
            sections.add(new Section("prefixes", rows));
            written.addAll(write(params.filePrefix() + "-prefixes", PREFIX_COLUMNS, rows));
        }
        catch (TargetException e) {
            errors.add("prefixes: " + e.getMessage());
        }
        try {
            List<Device> devices = ipam.devices(statuses(params.deviceStatuses()), deadline);
            List<Map<String, Object>> rows = IpamFindings.devicesMissing(devices, params.swVersionField());
            result.put("devices_checked", devices.size()).put("devices_missing", rows.size());
            sections.add(new Section("devices", rows));
            written.addAll(write(params.filePrefix() + "-devices", DEVICE_COLUMNS, rows));
        }
        catch (TargetException e) {
            errors.add("devices: " + e.getMessage());
        }
        try {
            List<IpAddress> addresses = ipam.ipAddresses(statuses(params.addressStatuses()), deadline);
            IpamFindings.StaleAddresses stale = IpamFindings.staleAddresses(addresses, params, now);
            result.put("addresses_checked", addresses.size()).put("stale_addresses", stale.stale()).put("never_seen", stale.neverSeen())
                    .put("unreadable_last_seen", stale.unreadable());
            sections.add(new Section("stale_addresses", stale.rows()));
            written.addAll(write(params.filePrefix() + "-stale-addresses", ADDRESS_COLUMNS, stale.rows()));
        }
        catch (TargetException e) {
            errors.add("addresses: " + e.getMessage());
        }

        result.put("files", written.stream().map(Path::toString).toList());
        sendEvents(params, sections, now, deadline, result, errors);
        result.put("errors", errors);
        JobResult built = result.build();
        context.output("wrote " + written.size() + " report files to " + files.directory() + (errors.isEmpty() ? "" : "; errors: " + errors));
        if (!errors.isEmpty() || tooManyPrefixesFailed) {
            throw new JobFailedException(errors.isEmpty() ? "too many prefixes could not be read" : String.join("; ", errors), built);
        }
        return built;
    }

    private FanOutResult prefixes(JobContext context, IpamReportParams params, List<Map<String, Object>> rows)
            throws TargetException, InterruptedException
    {
        IpamFilter filter = ListFilter.all()
                .any("role", params.prefixRoles())
                .any("tag", params.prefixTags())
                .any("status", params.prefixStatuses())
                .filter();
        List<Prefix> prefixes = ipam.prefixes(filter, context.deadline());
        ConcurrentLinkedQueue<PrefixUtilisation> found = new ConcurrentLinkedQueue<>();
        FanOutSettings settings = new FanOutSettings(params.concurrency(), Duration.ofMinutes(5), params.maxFailureShare());
        FanOutResult fanOut = settings.over(prefixes, context, (Prefix prefix) -> prefix.prefix() + prefix.vrf().map(vrf -> " (vrf " + vrf + ")").orElse(""))
                .run((prefix, scope) -> {
                    found.add(utilisation(prefix, scope.deadline()));
                    return TargetResult.ok();
                });
        List<PrefixUtilisation> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparing((PrefixUtilisation u) -> u.prefix().vrf().orElse("")).thenComparing(u -> u.network().family())
                .thenComparing(u -> u.network().first()).thenComparing(u -> u.network().length()));
        for (PrefixUtilisation utilisation : sorted) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("prefix", utilisation.prefix().prefix());
            row.put("vrf", utilisation.prefix().vrf().orElse(""));
            row.put("status", utilisation.prefix().status());
            row.put("description", utilisation.prefix().description());
            row.put("size", utilisation.size().toString());
            row.put("used", utilisation.used().toString());
            row.put("utilisation", Math.round(utilisation.ratio() * 10_000) / 10_000.0);
            row.put("warning", utilisation.ratio() >= params.utilisationWarning());
            rows.add(row);
        }
        return fanOut;
    }

    private PrefixUtilisation utilisation(Prefix prefix, Deadline deadline)
            throws TargetException
    {
        Network network;
        try {
            network = Network.parse(prefix.prefix());
        }
        catch (IllegalArgumentException e) {
            throw new TargetException(Outcome.PARSE_ERROR, "prefix " + prefix.id() + ": " + e.getMessage());
        }
        if ("container".equals(prefix.status())) {
            return PrefixUtilisation.ofContainer(prefix, network, ipam.prefixes(IpamFilter.all().and("within", prefix.prefix()), deadline));
        }
        return PrefixUtilisation.ofAddresses(prefix, network, ipam.ipAddresses(IpamFilter.all().and("parent", prefix.prefix()), deadline));
    }

    private static IpamFilter statuses(List<String> statuses)
    {
        return ListFilter.all().any("status", statuses).filter();
    }

    private List<Path> write(String name, List<String> columns, List<Map<String, Object>> rows)
    {
        return List.of(files.writeCsv(name + "-{yyyyMMdd-HHmmss}.csv", columns, rows), files.writeJson(name + "-{yyyyMMdd-HHmmss}.json", rows, JsonFormat.ARRAY));
    }

    /** One event per row, with the section as an indexed field; a failing collector is an error in the result. */
    private void sendEvents(IpamReportParams params, List<Section> sections, Instant now, Deadline deadline, JobResult.Builder result, List<String> errors)
    {
        if (!params.splunk() || splunk.settings().url().isEmpty()) {
            result.put("splunk_events", 0);
            return;
        }
        List<SplunkEvent> events = new ArrayList<>();
        for (Section section : sections) {
            for (Map<String, Object> row : section.rows()) {
                events.add(SplunkEvent.at(now, row).withFields(Map.of("section", section.name())).withSourcetype(SOURCETYPE));
            }
        }
        try {
            result.put("splunk_events", events.isEmpty() ? 0 : splunk.send(events, deadline));
        }
        catch (TargetException e) {
            result.put("splunk_events", 0);
            errors.add("splunk: " + e.getMessage());
        }
    }
}
