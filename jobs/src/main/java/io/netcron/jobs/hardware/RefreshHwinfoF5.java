package io.netcron.jobs.hardware;

import io.netcron.credentials.Credentials;
import io.netcron.http.SharedHttpClient;
import io.netcron.ipam.Ipam;
import io.netcron.job.JobSpec;
import io.netcron.metrics.JobMetrics;
import jakarta.inject.Inject;

/** Reads model, serial and TMOS version over iControl REST and writes them to NetBox */
@JobSpec(
        name = "refresh-hwinfo-f5",
        category = "hardware",
        description = "Reads model, serial and TMOS version over iControl REST and writes them to NetBox",
        schedule = "0 45 2 * * ?",
        maxRuntime = "2h",
        paramsType = HwinfoParams.class)
public final class RefreshHwinfoF5
        extends DeviceApiRefreshJob
{
    @Inject
    public RefreshHwinfoF5(SharedHttpClient http, Credentials credentials, Ipam ipam, JobMetrics metrics)
    {
        super(Family.F5, F5Rest::new, http, credentials, ipam, metrics);
    }
}
