package io.netcron.jobs.hardware;

import io.netcron.credentials.Credentials;
import io.netcron.http.SharedHttpClient;
import io.netcron.ipam.Ipam;
import io.netcron.job.JobContext;
import io.netcron.job.JobResult;
import io.netcron.job.NetcronJob;
import io.netcron.metrics.JobMetrics;

import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * A hardware refresh whose devices answer an HTTP API of their own (eAPI, AOS-CX, iControl,
 * PAN-OS, Redfish): the platform jobs differ only in their family, their {@code @JobSpec} and the
 * reader they build over the shared HTTP client.
 */
abstract class DeviceApiRefreshJob
        implements NetcronJob
{
    private final Family family;
    private final Function<DeviceHttp, FactsReader> reader;
    private final SharedHttpClient http;
    private final Credentials credentials;
    private final Ipam ipam;
    private final JobMetrics metrics;

    DeviceApiRefreshJob(Family family, Function<DeviceHttp, FactsReader> reader, SharedHttpClient http, Credentials credentials, Ipam ipam, JobMetrics metrics)
    {
        this.family = requireNonNull(family, "family is null");
        this.reader = requireNonNull(reader, "reader is null");
        this.http = requireNonNull(http, "http is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.ipam = requireNonNull(ipam, "ipam is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    @Override
    public final JobResult execute(JobContext context)
            throws Exception
    {
        HwinfoParams params = context.params(HwinfoParams.class);
        return new HwinfoRefresh(family, ipam, metrics).run(context, params, reader.apply(new DeviceHttp(http, credentials)));
    }
}
