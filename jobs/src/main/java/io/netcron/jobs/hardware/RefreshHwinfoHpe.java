package io.netcron.jobs.hardware;

import io.netcron.credentials.Credentials;
import io.netcron.http.SharedHttpClient;
import io.netcron.ipam.Ipam;
import io.netcron.job.JobSpec;
import io.netcron.metrics.JobMetrics;
import jakarta.inject.Inject;

/** Reads model, serial and iLO firmware over Redfish and writes them to NetBox */
@JobSpec(
        name = "refresh-hwinfo-hpe",
        category = "hardware",
        description = "Reads model, serial and iLO firmware over Redfish and writes them to NetBox",
        schedule = "0 0 4 * * ?",
        maxRuntime = "2h",
        paramsType = HwinfoParams.class)
public final class RefreshHwinfoHpe
        extends DeviceApiRefreshJob
{
    @Inject
    public RefreshHwinfoHpe(SharedHttpClient http, Credentials credentials, Ipam ipam, JobMetrics metrics)
    {
        super(Family.HPE, RedfishIlo::new, http, credentials, ipam, metrics);
    }
}
