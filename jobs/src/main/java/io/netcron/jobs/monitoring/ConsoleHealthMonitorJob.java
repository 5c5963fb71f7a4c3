package io.netcron.jobs.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.netcron.credentials.Credential;
import io.netcron.credentials.CredentialException;
import io.netcron.credentials.Credentials;
import io.netcron.fanout.FanOutResult;
import io.netcron.fanout.TargetResult;
import io.netcron.fanout.TargetScope;
import io.netcron.http.HttpCall;
import io.netcron.http.SharedHttpClient;
import io.netcron.http.TlsTrust;
import io.netcron.ipam.Ipam;
import io.netcron.ipam.IpamFilter;
import io.netcron.job.Deadline;
import io.netcron.job.JobContext;
import io.netcron.job.JobFailedException;
import io.netcron.job.JobResult;
import io.netcron.job.JobSpec;
import io.netcron.job.NetcronJob;
import io.netcron.jobs.common.FanOutSettings;
import io.netcron.jobs.common.ListFilter;
import io.netcron.metrics.JobMetrics;
import io.netcron.report.SplunkEvent;
import io.netcron.report.SplunkHec;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;
import jakarta.inject.Inject;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Health of HPE out-of-band consoles (iLO) over HTTPS and Redfish: reachability and TLS latency,
 * the certificate's days left (a warning below {@code cert_warning_days}), {@code Status.Health},
 * {@code Status.HealthRollup} and HPE's aggregate health of {@code /redfish/v1/Systems/1}, and the
 * iLO firmware of {@code /redfish/v1/Managers/1}. One row per console in the run's result, gauges
 * per console on the node's {@code /metrics}, one event per console to Splunk HEC when configured.
 */
@JobSpec(
        name = "console-health-monitor",
        category = "monitoring",
        description = "HPE iLO consoles: HTTPS reachability and latency, Redfish health, certificate expiry, firmware",
        schedule = "0 */5 * * * ?",
        maxRuntime = "10m",
        paramsType = ConsoleHealthParams.class)
public final class ConsoleHealthMonitorJob
        implements NetcronJob
{
    static final String SOURCETYPE = "netcron:console_health";

    private final Ipam ipam;
    private final SharedHttpClient http;
    private final Credentials credentials;
    private final SplunkHec splunk;
    private final JobMetrics metrics;

    @Inject
    public ConsoleHealthMonitorJob(Ipam ipam, SharedHttpClient http, Credentials credentials, SplunkHec splunk, JobMetrics metrics)
    {
        this.ipam = requireNonNull(ipam, "ipam is null");
        this.http = requireNonNull(http, "http is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.splunk = requireNonNull(splunk, "splunk is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    @Override
    public JobResult execute(JobContext context)
            throws Exception
    {
        ConsoleHealthParams params = context.params(ConsoleHealthParams.class);
        if (params.selectsNothing()) {
            throw new JobFailedException("params: give hosts, or NetBox roles, tags or platforms to choose the consoles");
        }
        if (params.hosts().isEmpty() && ipam.notConfigured().isPresent()) {
            // a fresh install runs this every 5 minutes: no consoles to check is not a failure
            String reason = "nothing to check: no hosts in params and " + ipam.notConfigured().get();
            context.output(reason);
            return JobResult.builder().put("targets", 0).put("skipped", reason).build();
        }
        List<Console> consoles = consoles(params, context.deadline());
        Instant now = context.clock().instant();
        Map<String, ConsoleReport> reports = new ConcurrentHashMap<>();
        consoles.forEach(console -> reports.put(console.name(), new ConsoleReport(console)));
        Duration timeout = Duration.ofMillis(params.timeoutMs());
        // per console: the handshake and two Redfish calls
        FanOutSettings settings = new FanOutSettings(params.concurrency(), timeout.multipliedBy(3), params.maxFailureShare());
        FanOutResult fanOut = settings.over(consoles, context, Console::name)
                .run((console, scope) -> check(reports.get(console.name()), params, now, scope));
        List<ConsoleReport> ordered = new ArrayList<>(reports.values());
        ordered.sort(Comparator.comparing(report -> report.console().name()));
        for (ConsoleReport report : ordered) {
            if ("unknown".equals(report.status())) { // abandoned by the fan-out at its timeout
                report.failed(Outcome.TIMEOUT.sqlName(), "no result within the per-console timeout");
            }
            publish(context.jobName(), report);
        }
        List<Map<String, Object>> rows = ordered.stream().map(ConsoleReport::row).toList();

        JobResult.Builder builder = JobResult.builder();
        fanOut.toJobResult().values().forEach(builder::put);
        Map<String, Long> byStatus = new TreeMap<>();
        ordered.forEach(report -> byStatus.merge(report.status(), 1L, Long::sum));
        builder.put("by_status", byStatus).put("consoles", rows);
        sendEvents(params, rows, now, context.deadline(), builder);
        JobResult result = builder.build();
        context.output(consoles.size() + " consoles: " + byStatus);
        return fanOut.orFail(result);
    }

    private List<Console> consoles(ConsoleHealthParams params, Deadline deadline)
            throws JobFailedException
    {
        if (!params.hosts().isEmpty()) {
            return params.hosts().stream().map(host -> Console.parse(host, params.port())).distinct().toList();
        }
        IpamFilter filter = ListFilter.all()
                .any("role", params.roles())
                .any("tag", params.tags())
                .any("platform", params.platforms())
                .any("status", params.statuses())
                .filter();
        try {
            return ipam.devices(filter, deadline).stream()
                    .map(device -> new Console(device.name().isEmpty() ? "device " + device.id() : device.name(), device.primaryAddress(), params.port()))
                    .toList();
        }
        catch (TargetException e) {
            throw new JobFailedException("cannot list the consoles from NetBox: " + e.getMessage(), e);
        }
    }

    private TargetResult check(ConsoleReport report, ConsoleHealthParams params, Instant now, TargetScope scope)
            throws TargetException
    {
        Console console = report.console();
        try {
            if (console.host().isEmpty()) {
                throw new TargetException(Outcome.FAILED, console + ": no address (NetBox has no primary IP for it)");
            }
            if (console.port() < 1) {
                throw new TargetException(Outcome.FAILED, console + ": not a port number");
            }
            String host = console.host().get();
            Duration timeout = scope.deadline().cap(Duration.ofMillis(params.timeoutMs()));
            report.handshake(TlsProbe.probe(console, host, timeout, scope), now, params.certWarningDays());

            Credential login = login(console, params.credential());
            HttpCall system = redfish(console, host, "/redfish/v1/Systems/1", login, params);
            report.health(RedfishHealth.of(http.json(system, scope.deadline())));
            try {
                JsonNode manager = http.json(redfish(console, host, "/redfish/v1/Managers/1", login, params), scope.deadline());
                JsonNode firmware = manager.path("FirmwareVersion");
                if (firmware.isTextual()) {
                    report.firmware(firmware.asText());
                }
                else {
                    report.warn("no FirmwareVersion in /redfish/v1/Managers/1");
                }
            }
            catch (TargetException e) {
                report.warn("firmware version not read: " + e.getMessage());
            }
            report.conclude();
            return TargetResult.ok(report.status());
        }
        catch (TargetException e) {
            report.failed(e.outcome().sqlName(), e.getMessage());
            throw e;
        }
        catch (RuntimeException e) {
            report.failed(Outcome.FAILED.sqlName(), console + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        }
    }

    private Credential login(Console console, String name)
            throws TargetException
    {
        try {
            Credential credential = credentials.get(name);
            credential.username();
            credential.password();
            return credential;
        }
        catch (CredentialException e) {
            throw new TargetException(Outcome.AUTH_FAILED, console + ": " + e.getMessage());
        }
    }

    private static HttpCall redfish(Console console, String host, String path, Credential login, ConsoleHealthParams params)
    {
        String authority = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        String basic = Base64.getEncoder().encodeToString((login.username() + ":" + login.password().reveal()).getBytes(StandardCharsets.UTF_8));
        return HttpCall.get(URI.create("https://" + authority + ":" + console.port() + path))
                .withTarget(console.name())
                .withHeader("Authorization", "Basic " + basic)
                .withTrust(trust(console, host, params))
                .withTimeout(Duration.ofMillis(params.timeoutMs()));
    }

    private static TlsTrust trust(Console console, String host, ConsoleHealthParams params)
    {
        String pin = Optional.ofNullable(params.tlsPins().get(console.name())).orElse(params.tlsPins().get(host));
        if (pin != null) {
            return TlsTrust.pinned(pin);
        }
        if (params.tlsCaFile() != null) {
            return TlsTrust.caFile(Path.of(params.tlsCaFile()));
        }
        return params.tlsInsecure() ? TlsTrust.insecure() : TlsTrust.systemCas();
    }

    private void publish(String job, ConsoleReport report)
    {
        Map<String, String> tags = Map.of("job_name", job, "console", report.console().name());
        metrics.gauge("netcron.console.up", tags, report.reachable() ? 1 : 0);
        metrics.gauge("netcron.console.latency.seconds", tags, report.latency().map(latency -> latency.toNanos() / 1e9).orElse(Double.NaN));
        metrics.gauge("netcron.console.certificate.expiry.days", tags, report.certificateDaysLeft().map(Long::doubleValue).orElse(Double.NaN));
        Optional<RedfishHealth> health = report.health();
        health(job, report, "system", health.flatMap(RedfishHealth::health));
        health(job, report, "rollup", health.flatMap(RedfishHealth::rollup));
        health(job, report, "aggregate", health.flatMap(RedfishHealth::aggregate));
        report.firmware().ifPresent(firmware -> metrics.gauge("netcron.console.firmware.info",
                Map.of("job_name", job, "console", report.console().name(), "firmware", firmware), 1));
    }

    private void health(String job, ConsoleReport report, String component, Optional<String> value)
    {
        metrics.gauge("netcron.console.health", Map.of("job_name", job, "console", report.console().name(), "component", component),
                RedfishHealth.severity(value));
    }

    /** One event per console; a failing collector is reported in the result and does not fail the run. */
    private void sendEvents(ConsoleHealthParams params, List<Map<String, Object>> rows, Instant now, Deadline deadline, JobResult.Builder builder)
    {
        if (!params.splunk() || splunk.settings().url().isEmpty() || rows.isEmpty()) {
            builder.put("splunk_events", 0);
            return;
        }
        List<SplunkEvent> events = rows.stream().map(row -> SplunkEvent.at(now, row).withSourcetype(SOURCETYPE)).toList();
        try {
            builder.put("splunk_events", splunk.send(events, deadline));
        }
        catch (TargetException e) {
            builder.put("splunk_events", 0).put("splunk_error", e.getMessage());
        }
    }
}
