package io.netcron.jobs.hardware;

import io.netcron.credentials.Credentials;
import io.netcron.http.SharedHttpClient;
import io.netcron.http.TlsTrust;
import io.netcron.ipam.Ipam;
import io.netcron.job.JobContext;
import io.netcron.job.JobFailedException;
import io.netcron.job.JobResult;
import io.netcron.job.JobSpec;
import io.netcron.job.NetcronJob;
import io.netcron.metrics.JobMetrics;
import jakarta.inject.Inject;

import java.net.URI;

import static java.util.Objects.requireNonNull;

/** Reads model, serial and software version of Versa appliances from their Director (paged) and writes them to NetBox. */
@JobSpec(
        name = "refresh-hwinfo-versa",
        category = "hardware",
        description = "Reads model, serial and version of Versa appliances from the Director and writes them to NetBox",
        schedule = "0 0 3 * * ?",
        maxRuntime = "2h",
        paramsType = HwinfoParams.class)
public final class RefreshHwinfoVersa
        implements NetcronJob
{
    private final SharedHttpClient http;
    private final Credentials credentials;
    private final Ipam ipam;
    private final JobMetrics metrics;

    @Inject
    public RefreshHwinfoVersa(SharedHttpClient http, Credentials credentials, Ipam ipam, JobMetrics metrics)
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
        if (params.director().isEmpty()) {
            throw new JobFailedException("params: director is required for refresh-hwinfo-versa (the Director's URL, e.g. https://director.example.net:9182)");
        }
        URI director;
        try {
            director = URI.create(params.director());
            if (director.getScheme() == null || director.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
        }
        catch (IllegalArgumentException e) {
            throw new JobFailedException("params: director must be a URL like https://director.example.net:9182, got '" + params.director() + "'");
        }
        TlsTrust trust = params.directorPin().isEmpty() ? TlsTrust.systemCas() : TlsTrust.pinned(params.directorPin());
        VersaDirector reader = new VersaDirector(http, credentials, director, trust, Family.VERSA.defaultCredential());
        return new HwinfoRefresh(Family.VERSA, ipam, metrics).run(context, params, reader);
    }
}
