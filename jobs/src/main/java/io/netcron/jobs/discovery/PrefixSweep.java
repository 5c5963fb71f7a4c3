package io.netcron.jobs.discovery;

import io.netcron.dns.DnsClient;
import io.netcron.dns.DnsResult;
import io.netcron.dns.DnsServer;
import io.netcron.fanout.TargetResult;
import io.netcron.fanout.TargetScope;
import io.netcron.ipam.IpAddress;
import io.netcron.ipam.Ipam;
import io.netcron.ipam.IpamFilter;
import io.netcron.ipam.IpamObject;
import io.netcron.ipam.Prefix;
import io.netcron.job.Deadline;
import io.netcron.reach.ProbeMethod;
import io.netcron.reach.ProbeNotAllowedException;
import io.netcron.reach.ProbeResult;
import io.netcron.reach.ProbeStatus;
import io.netcron.reach.Prober;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;
import org.xbill.DNS.ReverseMap;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/** One prefix of an {@link AddressDiscoveryJob} run: sweep, compare with NetBox, write the differences. */
final class PrefixSweep
{
    static final String DESCRIPTION = "discovered by netcron address-discovery";

    private final Ipam ipam;
    private final Prober prober;
    private final DnsClient dns;
    private final AddressDiscoveryParams params;
    private final String stamp;
    private final AtomicLong up = new AtomicLong();
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong updated = new AtomicLong();
    private final AtomicLong markedMissing = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final ConcurrentLinkedQueue<Map<String, Object>> summaries = new ConcurrentLinkedQueue<>();

    PrefixSweep(Ipam ipam, Prober prober, DnsClient dns, AddressDiscoveryParams params, String stamp)
    {
        this.ipam = requireNonNull(ipam, "ipam is null");
        this.prober = requireNonNull(prober, "prober is null");
        this.dns = requireNonNull(dns, "dns is null");
        this.params = requireNonNull(params, "params is null");
        this.stamp = requireNonNull(stamp, "stamp is null");
    }

    TargetResult sweep(Prefix prefix, TargetScope scope)
            throws TargetException
    {
        try {
            TargetResult result = sweepChecked(prefix, scope.deadline());
            summary(prefix, result.outcome(), result.detail());
            return result;
        }
        catch (TargetException e) {
            summary(prefix, e.outcome(), e.getMessage());
            throw e;
        }
    }

    private TargetResult sweepChecked(Prefix prefix, Deadline deadline)
            throws TargetException
    {
        io.netcron.reach.Prefix range;
        try {
            range = io.netcron.reach.Prefix.parse(prefix.prefix());
        }
        catch (IllegalArgumentException e) {
            throw new TargetException(Outcome.PARSE_ERROR, prefix.prefix() + ": not a prefix: " + e.getMessage());
        }
        int maxHostBits = 32 - params.maxPrefixLength();
        if (range.hostBits() > maxHostBits) {
            return TargetResult.skipped("larger than the limit of " + (1L << maxHostBits) + " addresses (max_prefix_length " + params.maxPrefixLength() + ")");
        }
        List<ProbeResult> results;
        try {
            results = params.method().equals("icmp")
                    ? prober.sweep(range, ProbeMethod.ICMP, List.of(), deadline)
                    : prober.sweep(range, ProbeMethod.TCP, params.tcpPorts(), deadline);
        }
        catch (ProbeNotAllowedException e) {
            return TargetResult.skipped(e.getMessage());
        }
        Set<String> live = new LinkedHashSet<>();
        for (ProbeResult result : results) {
            if (result.reachable() || (params.refusedIsUp() && result.status() == ProbeStatus.REFUSED)) {
                live.add(result.address());
            }
        }
        up.addAndGet(live.size());
        Map<String, IpAddress> known = new LinkedHashMap<>();
        for (IpAddress address : ipam.ipAddresses(IpamFilter.all().and("parent", prefix.prefix()), deadline)) {
            if (address.vrf().equals(prefix.vrf())) {
                known.putIfAbsent(host(address.address()), address);
            }
        }
        int writes = 0;
        List<String> errors = new ArrayList<>();
        for (String host : live) {
            try {
                writes += seen(prefix, range, host, Optional.ofNullable(known.get(canonical(host))), deadline);
            }
            catch (TargetException e) {
                if (e.outcome() != Outcome.FAILED) {
                    throw e;
                }
                refused.incrementAndGet();
                errors.add(e.getMessage());
            }
        }
        if (params.markMissing()) {
            for (Map.Entry<String, IpAddress> entry : known.entrySet()) {
                IpAddress address = entry.getValue();
                if (!live.contains(entry.getKey()) && address.status().equals(params.seenStatus())) {
                    try {
                        if (write(address, Map.of("status", params.missingStatus()), deadline)) {
                            markedMissing.incrementAndGet();
                            writes++;
                        }
                    }
                    catch (TargetException e) {
                        if (e.outcome() != Outcome.FAILED) {
                            throw e;
                        }
                        refused.incrementAndGet();
                        errors.add(e.getMessage());
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new TargetException(Outcome.FAILED, prefix.prefix() + ": NetBox refused " + errors.size() + " write(s), first: " + errors.getFirst());
        }
        String detail = live.size() + " of " + results.size() + " probes up, " + writes + " write(s)" + (params.dryRun() ? " due (dry run)" : "");
        if (writes == 0) {
            return TargetResult.of(Outcome.UNCHANGED, detail);
        }
        return params.dryRun() ? TargetResult.skipped(detail) : TargetResult.changed(detail);
    }

    private int seen(Prefix prefix, io.netcron.reach.Prefix range, String host, Optional<IpAddress> known, Deadline deadline)
            throws TargetException
    {
        Optional<String> name = reverseName(host, deadline);
        Map<String, Object> wanted = new LinkedHashMap<>();
        if (!params.lastSeenField().isEmpty()) {
            wanted.put("custom_fields", Map.of(params.lastSeenField(), stamp));
        }
        name.ifPresent(dnsName -> wanted.put("dns_name", dnsName));
        if (known.isPresent()) {
            IpAddress address = known.get();
            if (!params.seenStatus().isEmpty() && address.status().equals(params.missingStatus())) {
                wanted.put("status", params.seenStatus());
            }
            if (write(address, wanted, deadline)) {
                updated.incrementAndGet();
                return 1;
            }
            return 0;
        }
        if (!params.createNew()) {
            return 0;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("address", host + "/" + range.length());
        prefix.vrf().ifPresent(vrf -> fields.put("vrf", Map.of("name", vrf)));
        fields.put("status", params.newStatus());
        fields.put("description", DESCRIPTION);
        fields.putAll(wanted);
        if (!params.dryRun()) {
            ipam.create(IpamObject.IP_ADDRESSES, fields, deadline);
        }
        created.incrementAndGet();
        return 1;
    }

    /** True when anything differs (and, unless dry, was written). */
    private boolean write(IpAddress address, Map<String, Object> wanted, Deadline deadline)
            throws TargetException
    {
        Map<String, Object> current = new LinkedHashMap<>();
        current.put("status", address.status());
        current.put("dns_name", address.dnsName());
        current.put("custom_fields", address.customFields());
        return params.dryRun()
                ? !io.netcron.ipam.Changes.diff(current, wanted).isEmpty()
                : !ipam.update(IpamObject.IP_ADDRESSES, address.id(), current, wanted, deadline).isEmpty();
    }

    private Optional<String> reverseName(String host, Deadline deadline)
    {
        if (params.dnsServer().isEmpty()) {
            return Optional.empty();
        }
        InetAddress address = io.netcron.reach.Prefix.address(host);
        DnsResult result = dns.query(new DnsServer(params.dnsServer(), params.dnsPort()), ReverseMap.fromAddress(address).toString(), "PTR", deadline);
        if (!result.ok() || result.answers().isEmpty()) {
            return Optional.empty();
        }
        String name = result.answers().stream().filter(answer -> answer.type().equals("PTR")).map(answer -> answer.data()).findFirst().orElse("");
        name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    private void summary(Prefix prefix, Outcome outcome, String detail)
    {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("prefix", prefix.prefix());
        prefix.vrf().ifPresent(vrf -> summary.put("vrf", vrf));
        summary.put("outcome", outcome.sqlName());
        summary.put("detail", detail == null ? "" : detail);
        summaries.add(summary);
    }

    Map<String, Object> counts()
    {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("hosts_up", up.get());
        counts.put("addresses_created", created.get());
        counts.put("addresses_updated", updated.get());
        counts.put("addresses_marked_missing", markedMissing.get());
        counts.put("writes_refused", refused.get());
        return counts;
    }

    List<Map<String, Object>> summaries()
    {
        return List.copyOf(summaries);
    }

    private static String host(String address)
    {
        int slash = address.indexOf('/');
        return canonical(slash < 0 ? address : address.substring(0, slash));
    }

    /** The JDK's spelling of an address, as probe results give it. */
    private static String canonical(String host)
    {
        try {
            return io.netcron.reach.Prefix.address(host).getHostAddress();
        }
        catch (IllegalArgumentException e) {
            return host;
        }
    }
}
