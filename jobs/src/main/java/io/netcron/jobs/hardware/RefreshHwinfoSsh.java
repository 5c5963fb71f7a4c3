package io.netcron.jobs.hardware;

import io.netcron.ipam.Ipam;
import io.netcron.job.JobContext;
import io.netcron.job.JobResult;
import io.netcron.job.JobSpec;
import io.netcron.job.NetcronJob;
import io.netcron.metrics.JobMetrics;
import io.netcron.ssh.SshClient;
import jakarta.inject.Inject;

import static java.util.Objects.requireNonNull;

/** Reads model, serial and version from {@code show version} over SSH (IOS/IOS-XE/NX-OS, EOS, AOS-CX, Junos) and writes them to NetBox. */
@JobSpec(
        name = "refresh-hwinfo-ssh",
        category = "hardware",
        description = "Reads model, serial and version from show version over SSH and writes them to NetBox",
        schedule = "0 0 1 * * ?",
        maxRuntime = "3h",
        paramsType = HwinfoParams.class)
public final class RefreshHwinfoSsh
        implements NetcronJob
{
    private final SshClient ssh;
    private final Ipam ipam;
    private final JobMetrics metrics;

    @Inject
    public RefreshHwinfoSsh(SshClient ssh, Ipam ipam, JobMetrics metrics)
    {
        this.ssh = requireNonNull(ssh, "ssh is null");
        this.ipam = requireNonNull(ipam, "ipam is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    @Override
    public JobResult execute(JobContext context)
            throws Exception
    {
        HwinfoParams params = context.params(HwinfoParams.class);
        return new HwinfoRefresh(Family.SSH, ipam, metrics).run(context, params, new SshShowVersion(ssh));
    }
}
