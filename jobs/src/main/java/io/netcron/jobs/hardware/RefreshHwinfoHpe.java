package io.netcron.jobs.hardware;

import io.netcron.credentials.Credentials;
import io.netcron.http.SharedHttpClient;
import io.netcron.ipam.Ipam;
import io.netcron.job.JobContext;
import io.netcron.job.JobResult;
import io.netcron.job.JobSpec;
import io.netcron.job.NetcronJob;
import io.netcron.metrics.JobMetrics;
import jakarta.inject.Inject;

import static java.util.Objects.requireNonNull;

/** Reads model, serial and iLO firmware over Redfish and writes them to NetBox */
@JobSpec(
        name = "refresh-hwinfo-hpe",
        category = "hardware",
        description = "Reads model, serial and iLO firmware over Redfish and writes them to NetBox",
        schedule = "0 0 4 * * ?",
        maxRuntime = "2h",
        paramsType = HwinfoParams.class)
public final class RefreshHwinfoHpe
        implements NetcronJob
{
    private final SharedHttpClient http;
    private final Credentials credentials;
    private final Ipam ipam;
    private final JobMetrics metrics;

    @Inject
    public RefreshHwinfoHpe(SharedHttpClient http, Credentials credentials, Ipam ipam, JobMetrics metrics)
    {
        this.http = requireNonNull(http, "http is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.ipam = requireNonNull(ipam, "ipam is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    @Override
    public JobResult execute(JobContext context)
            throws Exception
    {
        HwinfoParams params = context.params(HwinfoParams.class);
        return new HwinfoRefresh(Family.HPE, ipam, metrics).run(context, params, new RedfishIlo(new DeviceHttp(http, credentials)));
    }
}
