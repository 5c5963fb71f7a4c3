package io.netcron.jobs.monitoring;

import io.netcron.dns.DnsClient;
import io.netcron.dns.LoopbackDnsServer;
import io.netcron.job.InvalidParamsException;
import io.netcron.job.JobFailedException;
import io.netcron.job.testing.JobTester;
import io.netcron.job.testing.TestRun;
import io.netcron.metrics.InMemoryJobMetrics;
import io.netcron.metrics.JobMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DnsAvailabilityMonitorJobTest
{
    private final DnsClient dns = new DnsClient(Duration.ofMillis(300));
    private final InMemoryJobMetrics metrics = new InMemoryJobMetrics();
    private LoopbackDnsServer responder;

    @BeforeEach
    void start()
            throws Exception
    {
        responder = new LoopbackDnsServer();
    }

    @AfterEach
    void stop()
    {
        responder.close();
    }

    private JobTester job()
    {
        return JobTester.forJob(DnsAvailabilityMonitorJob.class).bind(DnsClient.class, dns).bind(JobMetrics.class, metrics);
    }

    @Test
    void anExpectedAnswerIsOkWithItsLatency()
    {
        TestRun run = job().params(params(List.of("host.example"), Map.of("host.example", List.of("192.0.2.10")), Map.of(), false, 0.5)).run();

        Map<String, Object> result = run.resultOrThrow().values();
        assertThat(result).containsEntry("targets", 1).containsEntry("by_status", Map.of("ok", 1L));
        assertThat(checks(result)).singleElement().satisfies(check -> {
            assertThat(check).containsEntry("status", "ok").containsEntry("answers", List.of("192.0.2.10"));
            assertThat((Double) check.get("latency_ms")).isPositive();
        });
        assertThat(run.lastProgress()).contains(new TestRun.Progress(1, 1));
    }

    @Test
    void servfailNxdomainRefusedTimeoutAndAWrongAnswerAreKeptApart()
    {
        TestRun run = job()
                .params(params(List.of("host.example", "servfail.example", "refused.example", "missing.example", "silent.example", "moved.example"),
                        Map.of("moved.example", List.of("192.0.2.10")), Map.of(), false, 1.0))
                .run();

        Map<String, Object> result = run.resultOrThrow().values();
        assertThat(result.get("by_status")).isEqualTo(Map.of("ok", 1L, "servfail", 1L, "refused", 1L, "nxdomain", 1L, "timeout", 1L, "wrong_answer", 1L));
        assertThat(result.get("counts")).isEqualTo(Map.of("ok", 1L, "timeout", 1L, "failed", 4L));
        assertThat(checks(result)).filteredOn(check -> "moved.example".equals(check.get("name"))).singleElement()
                .satisfies(check -> assertThat((String) check.get("detail")).contains("[192.0.2.99]", "[192.0.2.10]"));
    }

    @Test
    void perServerAvailabilityAndLatencyGoToMetrics()
    {
        job().params(params(List.of("host.example", "servfail.example"), Map.of(), Map.of(), false, 1.0)).run().resultOrThrow();

        Map<String, String> server = Map.of("job_name", "dns-availability-monitor", "server", responder.address());
        assertThat(metrics.gauge("netcron.dns.server.availability.ratio", server)).contains(0.5);
        assertThat(metrics.gauge("netcron.dns.server.latency.seconds", server)).hasValueSatisfying(seconds -> assertThat(seconds).isPositive().isLessThan(1));
        assertThat(metrics.gauge("netcron.dns.probe.success", Map.of("job_name", "dns-availability-monitor", "server", responder.address(),
                "name", "servfail.example", "type", "A", "transport", "udp"))).contains(0.0);
        assertThat(metrics.counter("netcron.dns.responses", Map.of("job_name", "dns-availability-monitor", "server", responder.address(), "status", "servfail")))
                .contains(1.0);
    }

    @Test
    void tcpAsksEachQuestionOverTcpToo()
    {
        TestRun run = job().params(params(List.of("host.example"), Map.of(), Map.of(), true, 0.5)).run();

        assertThat(checks(run.resultOrThrow().values())).extracting(check -> check.get("transport")).containsExactly("tcp", "udp");
        assertThat(responder.tcpQueries()).isEqualTo(1);
    }

    @Test
    void patternsKeyedByNameAndTypeCheckThatTypeOnly()
    {
        TestRun run = job()
                .params(new DnsMonitorParams(List.of(responder.address()), List.of("host.example"), List.of("A", "AAAA"), Map.of(),
                        Map.of("host.example/AAAA", List.of("2001:db8::[0-9a-f]+"), "host.example", List.of("10\\..*")), false, 300, 8, 1.0))
                .run();

        assertThat(checks(run.resultOrThrow().values())).extracting(check -> check.get("type") + " " + check.get("status"))
                .containsExactly("A wrong_answer", "AAAA ok");
    }

    @Test
    void tooManyFailedChecksFailTheRunKeepingTheResult()
    {
        TestRun run = job().params(params(List.of("servfail.example", "refused.example"), Map.of(), Map.of(), false, 0.5)).run();

        assertThat(run.failure()).isInstanceOf(JobFailedException.class).hasMessageContaining("2 of 2 targets failed");
        assertThat(((JobFailedException) run.failure()).result()).hasValueSatisfying(result -> assertThat(result.values()).containsKey("by_status"));
    }

    @Test
    void badServersNamesAndTypesAreFailedChecksNotACrashedRun()
    {
        TestRun run = job()
                .params(new DnsMonitorParams(List.of(responder.address(), "127.0.0.1:notaport"), List.of("host.example", "bad..name"), List.of("A", "BOGUS"),
                        Map.of(), Map.of(), false, 300, 8, 1.0))
                .run();

        Map<String, Object> result = run.resultOrThrow().values();
        assertThat(result).containsEntry("targets", 8);
        assertThat(result.get("by_status")).isEqualTo(Map.of("ok", 1L, "bad_input", 7L));
        assertThat(checks(result)).filteredOn(check -> "127.0.0.1:notaport".equals(check.get("server")))
                .allSatisfy(check -> assertThat((String) check.get("detail")).contains("port 'notaport' is not a number"));
    }

    @Test
    void anInvalidPatternIsRefusedBeforeTheRun()
    {
        TestRun run = job().paramsJson("{\"servers\": [\"127.0.0.1\"], \"names\": [\"a.example\"], \"patterns\": {\"a.example\": [\"(\"]}}").run();

        assertThat(run.failure()).isInstanceOf(InvalidParamsException.class).hasMessageContaining("patterns.a.example: not a regular expression");
    }

    @Test
    void theDiscoveredDefaultsCheckNothingAndSaySo()
    {
        TestRun run = job().run();

        assertThat(run.resultOrThrow().values()).containsEntry("targets", 0);
        assertThat(run.output()).containsExactly("nothing to check: set params.servers and params.names");
    }

    @Test
    void timeoutMsBoundsEachQueryBelowTheClientsOwnTimeout()
    {
        TestRun run = JobTester.forJob(DnsAvailabilityMonitorJob.class)
                .bind(DnsClient.class, new DnsClient(Duration.ofSeconds(20)))
                .bind(JobMetrics.class, metrics)
                .params(new DnsMonitorParams(List.of(responder.address()), List.of("silent.example"), List.of("A"), Map.of(), Map.of(), false, 200, 8, 1.0))
                .maxRuntime(Duration.ofSeconds(10))
                .run();

        Map<String, Object> result = run.resultOrThrow().values();
        assertThat(result.get("by_status")).isEqualTo(Map.of("timeout", 1L));
        assertThat((Long) result.get("elapsed_ms")).isLessThan(5_000L);
    }

    private DnsMonitorParams params(List<String> names, Map<String, List<String>> expected, Map<String, List<String>> patterns, boolean tcp, double maxFailureShare)
    {
        return new DnsMonitorParams(List.of(responder.address()), names, List.of("A"), expected, patterns, tcp, 300, 8, maxFailureShare);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> checks(Map<String, Object> result)
    {
        return (List<Map<String, Object>>) result.get("checks");
    }
}
