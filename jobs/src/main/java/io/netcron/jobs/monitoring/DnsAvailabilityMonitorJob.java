package io.netcron.jobs.monitoring;

import io.netcron.dns.DnsAnswer;
import io.netcron.dns.DnsClient;
import io.netcron.dns.DnsRcode;
import io.netcron.dns.DnsResult;
import io.netcron.dns.DnsServer;
import io.netcron.dns.DnsTransport;
import io.netcron.fanout.FanOut;
import io.netcron.fanout.FanOutResult;
import io.netcron.fanout.TargetResult;
import io.netcron.job.Deadline;
import io.netcron.job.JobContext;
import io.netcron.job.JobResult;
import io.netcron.job.JobSpec;
import io.netcron.job.NetcronJob;
import io.netcron.metrics.JobMetrics;
import io.netcron.target.Outcome;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Asks every server every name for every type, over UDP and optionally TCP, as blackbox_exporter's
 * DNS probe does for one: latency, rcode (NOERROR, NXDOMAIN, SERVFAIL, REFUSED and no answer kept
 * apart), answers checked against what is expected. One check is one target of the fan-out; the
 * result lists every check and a summary per server, and the node's {@code /metrics} gets
 * per-check and per-server gauges.
 */
@JobSpec(
        name = "dns-availability-monitor",
        category = "monitoring",
        description = "DNS availability and latency per server, name and type (UDP/TCP), answers checked",
        schedule = "0 * * * * ?",
        maxRuntime = "2m",
        paramsType = DnsMonitorParams.class)
public final class DnsAvailabilityMonitorJob
        implements NetcronJob
{
    /** Results list at most this many checks; all are counted. */
    static final int LISTED_CHECKS = 1000;
    private static final Duration ABANDON_SLACK = Duration.ofSeconds(1);

    private final DnsClient dns;
    private final JobMetrics metrics;

    @Inject
    public DnsAvailabilityMonitorJob(DnsClient dns, JobMetrics metrics)
    {
        this.dns = requireNonNull(dns, "dns is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    /** One question: server (as the operator wrote it) × name × type × transport. */
    record Check(String server, String name, String type, DnsTransport transport)
    {
        @Override
        public String toString()
        {
            return server + " " + name + " " + type + " " + transport.name().toLowerCase(Locale.ROOT);
        }
    }

    /** What one check found; {@code status} is {@code ok}, {@code wrong_answer}, an rcode or why there was no answer. */
    record CheckResult(Check check, String status, Outcome outcome, Optional<Duration> latency, List<String> answers, String detail) {}

    @Override
    public JobResult execute(JobContext context)
            throws Exception
    {
        DnsMonitorParams params = context.params(DnsMonitorParams.class);
        if (params.servers().isEmpty() || params.names().isEmpty()) {
            // the discovered row's defaults: nothing to ask until an operator sets the params
            context.output("nothing to check: set params.servers and params.names");
            return JobResult.builder().put("targets", 0).put("checks", List.of()).build();
        }
        DnsExpectation expectation = new DnsExpectation(params.expected(), params.patterns());
        List<Check> checks = checks(params);
        Duration timeout = Duration.ofMillis(params.timeoutMs());
        ConcurrentLinkedQueue<CheckResult> found = new ConcurrentLinkedQueue<>();
        FanOutResult fanOut = FanOut.over(checks)
                .context(context)
                .concurrency(params.concurrency())
                .perTargetTimeout(timeout.plus(ABANDON_SLACK)) // the query's own timeout comes first and is reported as such
                .maxFailureShare(params.maxFailureShare())
                .run((check, scope) -> {
                    CheckResult result = check(check, expectation, scope.deadline().min(Deadline.after(timeout)));
                    found.add(result);
                    return TargetResult.of(result.outcome(), result.detail().isEmpty() ? null : result.detail());
                });
        List<CheckResult> results = new ArrayList<>(found);
        Set<Check> answered = results.stream().map(CheckResult::check).collect(Collectors.toSet());
        checks.stream().filter(check -> !answered.contains(check)) // abandoned by the fan-out, or not started before the run's deadline
                .forEach(check -> results.add(new CheckResult(check, "timeout", Outcome.TIMEOUT, Optional.empty(), List.of(), "no result in time")));
        results.sort(Comparator.comparing((CheckResult result) -> result.check().toString()));
        String job = context.jobName();
        results.forEach(result -> publish(job, result));
        Map<String, Object> servers = servers(job, params.servers(), results);

        JobResult summary = fanOut.toJobResult();
        JobResult.Builder builder = JobResult.builder();
        summary.values().forEach(builder::put);
        builder.put("by_status", byStatus(results))
                .put("servers", servers)
                .put("checks", results.stream().limit(LISTED_CHECKS).map(DnsAvailabilityMonitorJob::row).toList());
        JobResult result = builder.build();
        context.output(results.stream().filter(r -> r.outcome().isFailure()).count() + " of " + checks.size() + " DNS checks failed");
        return fanOut.orFail(result);
    }

    private static List<Check> checks(DnsMonitorParams params)
    {
        List<DnsTransport> transports = params.tcp() ? List.of(DnsTransport.UDP, DnsTransport.TCP) : List.of(DnsTransport.UDP);
        List<Check> checks = new ArrayList<>();
        for (String server : params.servers()) {
            for (String name : params.names()) {
                for (String type : params.types()) {
                    for (DnsTransport transport : transports) {
                        checks.add(new Check(server.trim(), name.trim(), type.trim().toUpperCase(Locale.ROOT), transport));
                    }
                }
            }
        }
        return checks;
    }

    private CheckResult check(Check check, DnsExpectation expectation, Deadline deadline)
    {
        DnsServer server;
        try {
            server = DnsServers.parse(check.server());
        }
        catch (IllegalArgumentException e) {
            return new CheckResult(check, "bad_input", Outcome.FAILED, Optional.empty(), List.of(), e.getMessage());
        }
        DnsResult result;
        try {
            result = dns.query(server, check.name(), check.type(), check.transport(), deadline);
        }
        catch (IllegalArgumentException e) { // a malformed name or an unknown type: this check only
            return new CheckResult(check, "bad_input", Outcome.FAILED, Optional.empty(), List.of(), e.getMessage());
        }
        List<String> answers = result.answers().stream()
                .filter(answer -> answer.type().equalsIgnoreCase(check.type()))
                .map(DnsAnswer::data)
                .toList();
        return switch (result.status()) {
            case TIMEOUT -> new CheckResult(check, "timeout", Outcome.TIMEOUT, Optional.empty(), List.of(), result.error());
            case UNREACHABLE -> new CheckResult(check, "unreachable", Outcome.UNREACHABLE, Optional.empty(), List.of(), result.error());
            case ERROR -> new CheckResult(check, "error", Outcome.FAILED, Optional.of(result.latency()), List.of(), result.error());
            case ANSWERED -> answered(check, result, answers, expectation);
        };
    }

    private static CheckResult answered(Check check, DnsResult result, List<String> answers, DnsExpectation expectation)
    {
        Optional<Duration> latency = Optional.of(result.latency());
        if (result.rcode() != DnsRcode.NOERROR) {
            String rcode = result.rcode().name().toLowerCase(Locale.ROOT);
            return new CheckResult(check, rcode, Outcome.FAILED, latency, answers, "rcode " + result.rcode().name());
        }
        Optional<String> mismatch = expectation.mismatch(check.name(), check.type(), answers);
        if (mismatch.isPresent()) {
            return new CheckResult(check, "wrong_answer", Outcome.FAILED, latency, answers, mismatch.get());
        }
        return new CheckResult(check, "ok", Outcome.OK, latency, answers, "");
    }

    private void publish(String job, CheckResult result)
    {
        Check check = result.check();
        Map<String, String> tags = Map.of("job_name", job, "server", check.server(), "name", check.name(), "type", check.type(),
                "transport", check.transport().name().toLowerCase(Locale.ROOT));
        metrics.gauge("netcron.dns.probe.success", tags, result.outcome().isFailure() ? 0 : 1);
        metrics.gauge("netcron.dns.probe.duration.seconds", tags, result.latency().map(DnsAvailabilityMonitorJob::seconds).orElse(Double.NaN));
        metrics.count("netcron.dns.responses", Map.of("job_name", job, "server", check.server(), "status", result.status()), 1);
    }

    /** Per server: checks, ok, availability (ok share) and mean latency of the answers; also as gauges. */
    private Map<String, Object> servers(String job, List<String> servers, List<CheckResult> results)
    {
        Map<String, Object> byServer = new LinkedHashMap<>();
        for (String server : servers.stream().map(String::trim).distinct().toList()) {
            List<CheckResult> own = results.stream().filter(result -> result.check().server().equals(server)).toList();
            long ok = own.stream().filter(result -> !result.outcome().isFailure()).count();
            double availability = own.isEmpty() ? Double.NaN : (double) ok / own.size();
            double meanLatency = own.stream().flatMap(result -> result.latency().stream()).mapToDouble(DnsAvailabilityMonitorJob::seconds).average().orElse(Double.NaN);
            Map<String, String> tags = Map.of("job_name", job, "server", server);
            metrics.gauge("netcron.dns.server.availability.ratio", tags, availability);
            metrics.gauge("netcron.dns.server.latency.seconds", tags, meanLatency);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("checks", own.size());
            summary.put("ok", ok);
            summary.put("availability", Double.isNaN(availability) ? null : Math.round(availability * 1000) / 1000.0);
            summary.put("mean_latency_ms", Double.isNaN(meanLatency) ? null : Math.round(meanLatency * 1_000_000) / 1000.0);
            byServer.put(server, summary);
        }
        return byServer;
    }

    private static Map<String, Long> byStatus(List<CheckResult> results)
    {
        Map<String, Long> counts = new TreeMap<>();
        results.forEach(result -> counts.merge(result.status(), 1L, Long::sum));
        return counts;
    }

    private static Map<String, Object> row(CheckResult result)
    {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("server", result.check().server());
        row.put("name", result.check().name());
        row.put("type", result.check().type());
        row.put("transport", result.check().transport().name().toLowerCase(Locale.ROOT));
        row.put("status", result.status());
        row.put("latency_ms", result.latency().map(latency -> latency.toNanos() / 1000 / 1000.0).orElse(null));
        row.put("answers", result.answers());
        if (!result.detail().isEmpty()) {
            row.put("detail", result.detail());
        }
        return row;
    }

    private static double seconds(Duration duration)
    {
        return duration.toNanos() / 1e9;
    }
}
