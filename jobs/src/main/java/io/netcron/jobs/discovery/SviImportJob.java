package io.netcron.jobs.discovery;

import io.netcron.credentials.Credentials;
import io.netcron.fanout.FanOutResult;
import io.netcron.fanout.TargetResult;
import io.netcron.fanout.TargetScope;
import io.netcron.http.SharedHttpClient;
import io.netcron.ipam.Device;
import io.netcron.ipam.Ipam;
import io.netcron.ipam.IpamFilter;
import io.netcron.job.JobContext;
import io.netcron.job.JobResult;
import io.netcron.job.JobSpec;
import io.netcron.job.NetcronJob;
import io.netcron.ssh.SshClient;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Layer-3 interfaces (SVIs, loopbacks, routed ports) and their addresses from the devices into
 * NetBox: interfaces created or updated, addresses created or assigned to them in their VRF.
 * Idempotent: only differences are written. {@code dry_run} counts what would be written.
 */
@JobSpec(
        name = "svi-import",
        category = "discovery",
        description = "Layer-3 interfaces and their addresses from devices into NetBox",
        schedule = "0 30 3 * * ?",
        maxRuntime = "1h",
        paramsType = SviImportParams.class)
public final class SviImportJob
        implements NetcronJob
{
    private final Ipam ipam;
    private final SshClient ssh;
    private final SharedHttpClient http;
    private final Credentials credentials;

    @Inject
    public SviImportJob(Ipam ipam, SshClient ssh, SharedHttpClient http, Credentials credentials)
    {
        this.ipam = requireNonNull(ipam, "ipam is null");
        this.ssh = requireNonNull(ssh, "ssh is null");
        this.http = requireNonNull(http, "http is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
    }

    @Override
    public JobResult execute(JobContext context)
            throws Exception
    {
        SviImportParams params = context.params(SviImportParams.class);
        DeviceSource source = params.source();
        List<NetworkDevice> devices = source.resolve(ipam, context.deadline());
        InterfaceReader reader = new InterfaceReader(ssh, http, credentials, params);
        SviSync.Counts counts = new SviSync.Counts();
        SviSync sync = new SviSync(ipam, params.dryRun(), counts);
        List<Pattern> excluded = params.excludePatterns();
        FanOutResult fanOut = params.fanOutSettings().over(devices, context, NetworkDevice::name)
                .run((device, scope) -> importDevice(device, scope, source.explicit(), reader, sync, excluded, params.dryRun()));
        Map<String, Object> values = new LinkedHashMap<>(fanOut.toJobResult().values());
        values.put("dry_run", params.dryRun());
        values.putAll(counts.values());
        return fanOut.orFail(new JobResult(values));
    }

    private TargetResult importDevice(NetworkDevice device, TargetScope scope, boolean explicit, InterfaceReader reader, SviSync sync,
            List<Pattern> excluded, boolean dryRun)
            throws TargetException
    {
        if (device.host().isEmpty()) {
            return TargetResult.skipped("no primary IP address in NetBox");
        }
        if (device.platform().isEmpty()) {
            String why = "platform '" + device.platformSlug() + "' is not supported (see platform_map)";
            if (!explicit) {
                return TargetResult.skipped(why);
            }
            throw new TargetException(Outcome.UNSUPPORTED, device.name() + ": " + why);
        }
        long deviceId = device.ipamId().isPresent() ? device.ipamId().get() : lookUp(device, scope);
        List<L3Interface> found = reader.read(device, device.platform().get(), scope).stream()
                .filter(l3 -> excluded.stream().noneMatch(pattern -> pattern.matcher(l3.name()).find()))
                .toList();
        int writes = sync.sync(deviceId, device.name(), found, scope.deadline());
        if (writes == 0) {
            return TargetResult.unchanged();
        }
        return dryRun
                ? TargetResult.skipped("dry run: " + writes + " write(s) due")
                : TargetResult.changed(writes + " write(s) for " + found.size() + " interface(s)");
    }

    private long lookUp(NetworkDevice device, TargetScope scope)
            throws TargetException
    {
        List<Device> matches = ipam.devices(IpamFilter.all().name(device.name()), scope.deadline());
        if (matches.size() != 1) {
            throw new TargetException(Outcome.FAILED, device.name() + ": " + (matches.isEmpty() ? "no such device in NetBox" : matches.size() + " devices of this name in NetBox"));
        }
        return matches.getFirst().id();
    }
}
