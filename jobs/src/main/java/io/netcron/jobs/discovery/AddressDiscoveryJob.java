package io.netcron.jobs.discovery;

import io.netcron.dns.DnsClient;
import io.netcron.fanout.FanOutResult;
import io.netcron.ipam.Ipam;
import io.netcron.ipam.IpamFilter;
import io.netcron.ipam.Prefix;
import io.netcron.job.JobContext;
import io.netcron.job.JobResult;
import io.netcron.job.JobSpec;
import io.netcron.job.NetcronJob;
import io.netcron.reach.AllowList;
import io.netcron.reach.Prober;
import io.netcron.reach.Reachability;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Sweeps NetBox prefixes chosen by tag or role and writes what it finds back: known addresses
 * that answer get their last-seen custom field (and, if they were marked missing, their status
 * back), new ones are created with a configurable status, reverse DNS names are recorded when a
 * DNS server is given. Only the chosen prefixes are ever probed, within the rate and concurrency
 * of {@code reach.*}; a prefix larger than {@code max_prefix_length} is skipped, not swept.
 */
@JobSpec(
        name = "address-discovery",
        category = "discovery",
        description = "Sweeps tagged NetBox prefixes and records live addresses, last seen and reverse DNS",
        schedule = "0 15 */4 * * ?",
        maxRuntime = "2h",
        paramsType = AddressDiscoveryParams.class)
public final class AddressDiscoveryJob
        implements NetcronJob
{
    static final int LISTED_PREFIXES = 100;

    private final Ipam ipam;
    private final Reachability reach;
    private final DnsClient dns;

    @Inject
    public AddressDiscoveryJob(Ipam ipam, Reachability reach, DnsClient dns)
    {
        this.ipam = requireNonNull(ipam, "ipam is null");
        this.reach = requireNonNull(reach, "reach is null");
        this.dns = requireNonNull(dns, "dns is null");
    }

    @Override
    public JobResult execute(JobContext context)
            throws Exception
    {
        AddressDiscoveryParams params = context.params(AddressDiscoveryParams.class);
        List<Prefix> prefixes = chosen(params, context);
        List<String> allowed = new ArrayList<>();
        for (Prefix prefix : prefixes) {
            try {
                io.netcron.reach.Prefix.parse(prefix.prefix());
                allowed.add(prefix.prefix());
            }
            catch (IllegalArgumentException e) {
                // counted as a per-prefix outcome by the sweep
            }
        }
        // the allow-list is exactly the chosen prefixes: a bug cannot make the prober leave them
        Prober prober = reach.within(AllowList.of(allowed));
        String stamp = stamp(params, context.clock().instant());
        PrefixSweep sweep = new PrefixSweep(ipam, prober, dns, params, stamp);
        FanOutResult fanOut = params.fanOutSettings().over(prefixes, context, Prefix::prefix)
                .run(sweep::sweep);
        Map<String, Object> values = new LinkedHashMap<>(fanOut.toJobResult().values());
        values.put("dry_run", params.dryRun());
        values.putAll(sweep.counts());
        values.put("prefixes", sweep.summaries().stream()
                .sorted(Comparator.comparing(summary -> String.valueOf(summary.get("prefix"))))
                .limit(LISTED_PREFIXES)
                .toList());
        return fanOut.orFail(new JobResult(values));
    }

    /** Prefixes with any of the tags, and prefixes with any of the roles (NetBox ANDs different filters: asked apart). */
    private List<Prefix> chosen(AddressDiscoveryParams params, JobContext context)
            throws Exception
    {
        Map<Long, Prefix> byId = new LinkedHashMap<>();
        if (!params.prefixTags().isEmpty()) {
            for (Prefix prefix : ipam.prefixes(withStatus(IpamFilter.all().tag(params.prefixTags().toArray(String[]::new)), params), context.deadline())) {
                byId.putIfAbsent(prefix.id(), prefix);
            }
        }
        if (!params.prefixRoles().isEmpty()) {
            for (Prefix prefix : ipam.prefixes(withStatus(IpamFilter.all().role(params.prefixRoles().toArray(String[]::new)), params), context.deadline())) {
                byId.putIfAbsent(prefix.id(), prefix);
            }
        }
        return List.copyOf(byId.values());
    }

    private static IpamFilter withStatus(IpamFilter filter, AddressDiscoveryParams params)
    {
        return params.prefixStatus().isBlank() ? filter : filter.status(params.prefixStatus());
    }

    static String stamp(AddressDiscoveryParams params, Instant now)
    {
        return params.lastSeenFormat().equals("date")
                ? now.atOffset(ZoneOffset.UTC).toLocalDate().toString()
                : now.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
