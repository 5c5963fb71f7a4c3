package io.netcron.jobs.hardware;

import io.netcron.credentials.Credentials;
import io.netcron.http.SharedHttpClient;
import io.netcron.ipam.Ipam;
import io.netcron.job.JobSpec;
import io.netcron.metrics.JobMetrics;
import jakarta.inject.Inject;

/** Reads model, serial and PAN-OS version over the XML API and writes them to NetBox */
@JobSpec(
        name = "refresh-hwinfo-paloalto",
        category = "hardware",
        description = "Reads model, serial and PAN-OS version over the XML API and writes them to NetBox",
        schedule = "0 0 */6 * * ?",
        maxRuntime = "2h",
        paramsType = HwinfoParams.class)
public final class RefreshHwinfoPaloAlto
        extends DeviceApiRefreshJob
{
    @Inject
    public RefreshHwinfoPaloAlto(SharedHttpClient http, Credentials credentials, Ipam ipam, JobMetrics metrics)
    {
        super(Family.PALOALTO, PanOsApi::new, http, credentials, ipam, metrics);
    }
}
