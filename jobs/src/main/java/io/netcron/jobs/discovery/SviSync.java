package io.netcron.jobs.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import io.netcron.ipam.Changes;
import io.netcron.ipam.Interface;
import io.netcron.ipam.IpAddress;
import io.netcron.ipam.Ipam;
import io.netcron.ipam.IpamFilter;
import io.netcron.ipam.IpamObject;
import io.netcron.job.Deadline;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Writes one device's layer-3 interfaces into NetBox: the interface is created when missing (else
 * its description and enabled flag are updated), each address is found by host and VRF and
 * created, or (when unassigned) assigned to the interface with the device's prefix length; an
 * address already assigned to another interface is left where it is and counted. Only what differs is
 * written, so a second run writes nothing. A refused write is counted and the rest go on.
 */
final class SviSync
{
    static final String INTERFACE_TYPE = "dcim.interface";
    private static final Pattern VIRTUAL = Pattern.compile("^(vlan|loopback|tunnel|bvi|irb|vlanif|nve|vxlan|svi).*|^(vl|lo|tu|vx)\\d.*");
    private static final Pattern LAG = Pattern.compile("^(port-channel|bond|lag).*|^(po|ae)\\d.*");

    /** What a run did (or, dry, would do), over all devices. */
    static final class Counts
    {
        final AtomicLong interfacesCreated = new AtomicLong();
        final AtomicLong interfacesUpdated = new AtomicLong();
        final AtomicLong addressesCreated = new AtomicLong();
        final AtomicLong addressesUpdated = new AtomicLong();
        final AtomicLong addressesElsewhere = new AtomicLong();
        final AtomicLong writesRefused = new AtomicLong();

        Map<String, Object> values()
        {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("interfaces_created", interfacesCreated.get());
            values.put("interfaces_updated", interfacesUpdated.get());
            values.put("addresses_created", addressesCreated.get());
            values.put("addresses_updated", addressesUpdated.get());
            values.put("addresses_assigned_elsewhere", addressesElsewhere.get());
            values.put("writes_refused", writesRefused.get());
            return values;
        }
    }

    private final Ipam ipam;
    private final boolean dryRun;
    private final Counts counts;

    SviSync(Ipam ipam, boolean dryRun, Counts counts)
    {
        this.ipam = requireNonNull(ipam, "ipam is null");
        this.dryRun = dryRun;
        this.counts = requireNonNull(counts, "counts is null");
    }

    /** The number of writes done (or due, in a dry run) for this device; throws FAILED when NetBox refused any. */
    int sync(long deviceId, String device, List<L3Interface> found, Deadline deadline)
            throws TargetException
    {
        Map<String, Interface> existing = new LinkedHashMap<>();
        for (Interface iface : ipam.interfaces(IpamFilter.all().deviceId(deviceId), deadline)) {
            existing.put(iface.name(), iface);
        }
        int writes = 0;
        List<String> refused = new ArrayList<>();
        for (L3Interface l3 : found) {
            Optional<Long> interfaceId;
            try {
                Interface known = existing.get(l3.name());
                if (known == null) {
                    interfaceId = createInterface(deviceId, l3, deadline);
                    counts.interfacesCreated.incrementAndGet();
                    writes++;
                }
                else {
                    interfaceId = Optional.of(known.id());
                    if (updateInterface(known, l3, deadline)) {
                        counts.interfacesUpdated.incrementAndGet();
                        writes++;
                    }
                }
            }
            catch (TargetException e) {
                if (e.outcome() != Outcome.FAILED) {
                    throw e;
                }
                counts.writesRefused.incrementAndGet();
                refused.add(e.getMessage());
                continue;
            }
            for (String address : l3.addresses()) {
                try {
                    writes += address(address, l3, interfaceId, deadline);
                }
                catch (TargetException e) {
                    if (e.outcome() != Outcome.FAILED) {
                        throw e;
                    }
                    counts.writesRefused.incrementAndGet();
                    refused.add(e.getMessage());
                }
            }
        }
        if (!refused.isEmpty()) {
            throw new TargetException(Outcome.FAILED, device + ": NetBox refused " + refused.size() + " write(s), first: " + refused.getFirst());
        }
        return writes;
    }

    private Optional<Long> createInterface(long deviceId, L3Interface l3, Deadline deadline)
            throws TargetException
    {
        if (dryRun) {
            return Optional.empty();
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("device", deviceId);
        fields.put("name", l3.name());
        fields.put("type", type(l3.name()));
        fields.put("enabled", l3.enabled());
        if (!l3.description().isEmpty()) {
            fields.put("description", l3.description());
        }
        JsonNode created = ipam.create(IpamObject.INTERFACES, fields, deadline);
        return Optional.of(created.path("id").asLong());
    }

    private boolean updateInterface(Interface known, L3Interface l3, Deadline deadline)
            throws TargetException
    {
        Map<String, Object> current = new LinkedHashMap<>();
        current.put("enabled", known.enabled());
        current.put("description", known.description());
        Map<String, Object> wanted = new LinkedHashMap<>();
        wanted.put("enabled", l3.enabled());
        if (!l3.description().isEmpty()) {
            wanted.put("description", l3.description());
        }
        if (dryRun) {
            return !Changes.diff(current, wanted).isEmpty();
        }
        return !ipam.update(IpamObject.INTERFACES, known.id(), current, wanted, deadline).isEmpty();
    }

    /** 1 when the address was (or would be) written, else 0. */
    private int address(String address, L3Interface l3, Optional<Long> interfaceId, Deadline deadline)
            throws TargetException
    {
        String host = address.substring(0, address.indexOf('/'));
        List<IpAddress> sameHost = ipam.ipAddresses(IpamFilter.all().and("address", host), deadline).stream()
                .filter(ip -> ip.vrf().equals(l3.vrf()))
                .toList();
        Optional<IpAddress> known = sameHost.stream()
                .filter(ip -> interfaceId.isPresent() && ip.assignedObjectId().equals(interfaceId) && ip.assignedObjectType().equals(Optional.of(INTERFACE_TYPE)))
                .findFirst()
                .or(() -> sameHost.stream().filter(ip -> ip.assignedObjectId().isEmpty()).findFirst());
        if (known.isEmpty() && !sameHost.isEmpty()) {
            // assigned to another interface (an anycast or virtual address, or a stale record): not ours to move
            counts.addressesElsewhere.incrementAndGet();
            return 0;
        }
        if (known.isEmpty()) {
            if (!dryRun) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("address", address);
                l3.vrf().ifPresent(vrf -> fields.put("vrf", Map.of("name", vrf)));
                fields.put("status", "active");
                fields.put("assigned_object_type", INTERFACE_TYPE);
                fields.put("assigned_object_id", interfaceId.orElseThrow());
                ipam.create(IpamObject.IP_ADDRESSES, fields, deadline);
            }
            counts.addressesCreated.incrementAndGet();
            return 1;
        }
        IpAddress ip = known.get();
        Map<String, Object> current = new LinkedHashMap<>();
        current.put("address", ip.address());
        current.put("assigned_object_type", ip.assignedObjectType().orElse(null));
        current.put("assigned_object_id", ip.assignedObjectId().orElse(null));
        Map<String, Object> wanted = new LinkedHashMap<>();
        wanted.put("address", address);
        wanted.put("assigned_object_type", INTERFACE_TYPE);
        wanted.put("assigned_object_id", interfaceId.orElse(-1L));
        boolean changed = dryRun
                ? !Changes.diff(current, wanted).isEmpty()
                : !ipam.update(IpamObject.IP_ADDRESSES, ip.id(), current, wanted, deadline).isEmpty();
        if (changed) {
            counts.addressesUpdated.incrementAndGet();
            return 1;
        }
        return 0;
    }

    static String type(String name)
    {
        String lower = name.toLowerCase(Locale.ROOT);
        if (VIRTUAL.matcher(lower).matches()) {
            return "virtual";
        }
        if (LAG.matcher(lower).matches()) {
            return "lag";
        }
        return "other";
    }
}
