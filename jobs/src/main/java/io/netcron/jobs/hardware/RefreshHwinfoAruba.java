package io.netcron.jobs.hardware;

import io.netcron.credentials.Credentials;
import io.netcron.http.SharedHttpClient;
import io.netcron.ipam.Ipam;
import io.netcron.job.JobSpec;
import io.netcron.metrics.JobMetrics;
import jakarta.inject.Inject;

/** Reads model, serial and AOS-CX version over the REST API and writes them to NetBox */
@JobSpec(
        name = "refresh-hwinfo-aruba",
        category = "hardware",
        description = "Reads model, serial and AOS-CX version over the REST API and writes them to NetBox",
        schedule = "0 30 2 * * ?",
        maxRuntime = "2h",
        paramsType = HwinfoParams.class)
public final class RefreshHwinfoAruba
        extends DeviceApiRefreshJob
{
    @Inject
    public RefreshHwinfoAruba(SharedHttpClient http, Credentials credentials, Ipam ipam, JobMetrics metrics)
    {
        super(Family.ARUBA, ArubaCxRest::new, http, credentials, ipam, metrics);
    }
}
