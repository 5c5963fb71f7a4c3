package io.netcron.jobs.hardware;

import io.netcron.http.TlsTrust;
import io.netcron.ipam.Device;
import io.netcron.ipam.Ipam;
import io.netcron.ipam.IpamFilter;
import io.netcron.job.Deadline;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Devices from NetBox: the params' filter (the family's platforms when none is given), with their
 * config context so per-device overrides under {@code netcron} apply (over the job's
 * {@code connection} params, over the family's defaults). The credential is the
 * context's {@code netcron.credential}, else the custom field {@code netcron_credential}, else
 * {@code hwinfo-<family>}.
 */
final class NetBoxTargets
{
    static final String CREDENTIAL_FIELD = "netcron_credential";

    private final Ipam ipam;

    NetBoxTargets(Ipam ipam)
    {
        this.ipam = requireNonNull(ipam, "ipam is null");
    }

    List<Candidate> load(Family family, HwinfoParams params, Deadline deadline)
            throws TargetException
    {
        IpamFilter filter = IpamFilter.all().withConfigContext();
        List<String> platforms = params.platform().isEmpty() ? family.platformSlugs() : params.platform();
        filter = filter.platform(platforms.toArray(String[]::new));
        filter = add(filter, "role", params.role());
        filter = add(filter, "site", params.site());
        filter = add(filter, "tag", params.tag());
        filter = add(filter, "status", params.status());
        filter = add(filter, "name", params.name());
        Overrides jobLevel = params.connection().overrides();
        List<Candidate> candidates = new ArrayList<>();
        for (Device device : ipam.devices(filter, deadline)) {
            candidates.add(candidate(family, device, jobLevel));
        }
        return candidates;
    }

    /** NetBox devices by name, for write-back of inventory-file hosts (looked up in chunks). */
    Map<String, Device> byName(List<String> names, Deadline deadline)
            throws TargetException
    {
        Map<String, Device> found = new java.util.HashMap<>();
        for (int from = 0; from < names.size(); from += 50) {
            List<String> chunk = names.subList(from, Math.min(names.size(), from + 50));
            for (Device device : ipam.devices(IpamFilter.all().name(chunk.toArray(String[]::new)), deadline)) {
                found.put(device.name(), device);
            }
        }
        return found;
    }

    /** The device's target: its own {@code netcron} overrides, then the job's {@code connection} params ({@code jobLevel}), then the family's defaults. */
    static Candidate candidate(Family family, Device device, Overrides jobLevel)
    {
        String name = device.name().isEmpty() ? "device " + device.id() : device.name();
        Overrides overrides;
        try {
            Object context = device.configContext().get(Overrides.CONTEXT_KEY);
            overrides = (context instanceof Map<?, ?> map ? Overrides.from(map) : Overrides.none()).orElse(jobLevel);
        }
        catch (IllegalArgumentException e) {
            return Candidate.failed(name, Outcome.FAILED, "config context '" + Overrides.CONTEXT_KEY + "': " + e.getMessage());
        }
        Optional<String> address = overrides.address().or(device::primaryAddress).or(() -> family.viaController() ? Optional.of(name) : Optional.empty());
        if (address.isEmpty()) {
            return Candidate.skipped(name, "no primary IP and no netcron.address in the config context");
        }
        String credential = overrides.credential()
                .or(() -> Optional.ofNullable(device.customFields().get(CREDENTIAL_FIELD)).map(String::valueOf).filter(text -> !text.isBlank()))
                .orElse(family.defaultCredential());
        return Candidate.ready(new HwTarget(name, device.platform().orElse(""), address.get(), overrides.port().orElse(family.port()),
                overrides.scheme().orElse(family.scheme()), overrides.trust().orElse(TlsTrust.systemCas()), credential,
                Optional.of(device), overrides.options()));
    }

    private static IpamFilter add(IpamFilter filter, String key, List<String> values)
    {
        return values.isEmpty() ? filter : filter.and(key, values.toArray(String[]::new));
    }
}
