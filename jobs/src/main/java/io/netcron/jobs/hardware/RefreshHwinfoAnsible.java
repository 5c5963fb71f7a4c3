package io.netcron.jobs.hardware;

import io.netcron.credentials.Credentials;
import io.netcron.ipam.Ipam;
import io.netcron.job.JobContext;
import io.netcron.job.JobResult;
import io.netcron.job.JobSpec;
import io.netcron.job.NetcronJob;
import io.netcron.metrics.JobMetrics;
import jakarta.inject.Inject;

import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Gathers facts with {@code ansible -m setup} and writes them to NetBox. Without Ansible on the
 * node the run ends normally with {@code ansible: "not installed"} and the reason in its result.
 */
@JobSpec(
        name = "refresh-hwinfo-ansible",
        category = "hardware",
        description = "Gathers facts with ansible -m setup and writes model, serial and OS version to NetBox",
        schedule = "0 30 4 * * ?",
        maxRuntime = "3h",
        paramsType = HwinfoParams.class)
public final class RefreshHwinfoAnsible
        implements NetcronJob
{
    private final Credentials credentials;
    private final Ipam ipam;
    private final JobMetrics metrics;

    @Inject
    public RefreshHwinfoAnsible(Credentials credentials, Ipam ipam, JobMetrics metrics)
    {
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.ipam = requireNonNull(ipam, "ipam is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    @Override
    public JobResult execute(JobContext context)
            throws Exception
    {
        HwinfoParams params = context.params(HwinfoParams.class);
        Optional<Path> ansible = AnsibleSetup.locate(params.ansibleCommand());
        if (ansible.isEmpty()) {
            String reason = "'" + params.ansibleCommand() + "' was not found" + (params.ansibleCommand().contains("/") ? "" : " on PATH")
                    + ": install Ansible on the nodes (or set ansible_command) to use refresh-hwinfo-ansible";
            context.output("ansible not installed: " + reason);
            return JobResult.builder().put("family", Family.ANSIBLE.name()).put("ansible", "not installed").put("reason", reason).put("targets", 0).build();
        }
        return new HwinfoRefresh(Family.ANSIBLE, ipam, metrics).run(context, params, new AnsibleSetup(ansible.get(), credentials));
    }
}
