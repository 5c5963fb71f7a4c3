package io.netcron.jobs.hardware;

import io.netcron.credentials.Credentials;
import io.netcron.http.SharedHttpClient;
import io.netcron.ipam.Ipam;
import io.netcron.job.JobSpec;
import io.netcron.metrics.JobMetrics;
import jakarta.inject.Inject;

/** Reads model, serial and EOS version over eAPI and writes them to NetBox */
@JobSpec(
        name = "refresh-hwinfo-arista",
        category = "hardware",
        description = "Reads model, serial and EOS version over eAPI and writes them to NetBox",
        schedule = "0 15 2 * * ?",
        maxRuntime = "2h",
        paramsType = HwinfoParams.class)
public final class RefreshHwinfoArista
        extends DeviceApiRefreshJob
{
    @Inject
    public RefreshHwinfoArista(SharedHttpClient http, Credentials credentials, Ipam ipam, JobMetrics metrics)
    {
        super(Family.ARISTA, AristaEapi::new, http, credentials, ipam, metrics);
    }
}
