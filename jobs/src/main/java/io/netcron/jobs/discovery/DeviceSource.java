package io.netcron.jobs.discovery;

import io.netcron.ipam.Device;
import io.netcron.ipam.Ipam;
import io.netcron.ipam.IpamFilter;
import io.netcron.job.Deadline;
import io.netcron.jobs.common.ListFilter;
import io.netcron.jobs.common.ParamChecks;
import io.netcron.target.TargetException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which devices a run works on: the params' explicit list when it has entries, else NetBox devices
 * matching platform, role, site, tag and status (each list: any of its values; different lists:
 * all must match, as NetBox filters do).
 */
public record DeviceSource(List<String> platforms, List<String> roles, List<String> sites, List<String> tags, String status,
        List<DeviceEntry> devices, Map<String, String> platformMap, String credential, int port)
{
    public DeviceSource
    {
        platforms = ParamChecks.list(platforms);
        roles = ParamChecks.list(roles);
        sites = ParamChecks.list(sites);
        tags = ParamChecks.list(tags);
        status = status == null ? "" : status;
        devices = ParamChecks.list(devices);
        platformMap = platformMap == null ? Map.of() : Map.copyOf(platformMap);
    }

    public List<NetworkDevice> resolve(Ipam ipam, Deadline deadline)
            throws TargetException
    {
        List<NetworkDevice> resolved = new ArrayList<>();
        if (!devices.isEmpty()) {
            for (DeviceEntry entry : devices) {
                resolved.add(new NetworkDevice(entry.name(), Optional.empty(), entry.host(), entry.port() == null ? port : entry.port(),
                        entry.platform(), DevicePlatform.fromSlug(entry.platform(), platformMap),
                        entry.credential() == null || entry.credential().isBlank() ? credential : entry.credential()));
            }
            return resolved;
        }
        for (Device device : ipam.devices(filter(), deadline)) {
            String slug = device.platform().orElse("");
            resolved.add(new NetworkDevice(device.name(), Optional.of(device.id()), device.primaryAddress().orElse(""), port, slug,
                    DevicePlatform.fromSlug(slug, platformMap), credential));
        }
        return resolved;
    }

    IpamFilter filter()
    {
        return ListFilter.all()
                .any("platform", platforms)
                .any("role", roles)
                .any("site", sites)
                .any("tag", tags)
                .any("status", status.isBlank() ? List.of() : List.of(status))
                .filter();
    }

    /** True when the run names its devices itself (NetBox is not asked for them). */
    public boolean explicit()
    {
        return !devices.isEmpty();
    }
}
