package io.netcron.jobs.monitoring;

import io.netcron.credentials.Credential;
import io.netcron.credentials.Credentials;
import io.netcron.http.HttpClientSettings;
import io.netcron.http.SharedHttpClient;
import io.netcron.ipam.Ipam;
import io.netcron.ipam.NetBoxClient;
import io.netcron.ipam.NetBoxSettings;
import io.netcron.job.JobFailedException;
import io.netcron.job.testing.JobTester;
import io.netcron.job.testing.TestRun;
import io.netcron.metrics.InMemoryJobMetrics;
import io.netcron.metrics.JobMetrics;
import io.netcron.report.SplunkHec;
import io.netcron.report.SplunkSettings;
import io.netcron.testing.FakeHttpServer;
import io.netcron.testing.LoopbackPorts;
import io.netcron.testing.SelfSignedCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleHealthMonitorJobTest
{
    private static final Map<String, String> NO_PINS = Map.of();

    @TempDir
    static Path certificates;
    private static SelfSignedCertificate longLived;
    private static SelfSignedCertificate expiring;

    private final SharedHttpClient http = new SharedHttpClient(HttpClientSettings.defaults());
    private final InMemoryJobMetrics metrics = new InMemoryJobMetrics();
    private final Credentials credentials = Credentials.of(Map.of(
            "ilo", Credential.login("ilo", FakeIlo.USER, FakeIlo.PASSWORD),
            "ilo-wrong", Credential.login("ilo-wrong", FakeIlo.USER, "not-the-password"),
            "splunk", Credential.token("splunk", "hec-token-1234"),
            "ipam", Credential.token("ipam", "0123456789abcdef0123456789abcdef01234567")));

    @BeforeAll
    static void makeCertificates()
            throws Exception
    {
        longLived = SelfSignedCertificate.create(certificates, "ilo-long", 365);
        expiring = SelfSignedCertificate.create(certificates, "ilo-expiring", 2);
    }

    @AfterEach
    void closeClient()
            throws IOException
    {
        http.close();
    }

    private JobTester job(Ipam ipam, SplunkSettings splunk)
    {
        return JobTester.forJob(ConsoleHealthMonitorJob.class)
                .bind(Ipam.class, ipam)
                .bind(SharedHttpClient.class, http)
                .bind(Credentials.class, credentials)
                .bind(SplunkHec.class, new SplunkHec(http, credentials, splunk))
                .bind(JobMetrics.class, metrics);
    }

    private JobTester job()
    {
        return job(Ipam.unconfigured("not used with explicit hosts"), unconfiguredSplunk());
    }

    private static ConsoleHealthParams hosts(List<String> hosts, Map<String, String> pins, String credential)
    {
        return new ConsoleHealthParams(hosts, List.of(), List.of(), List.of(), List.of(), 443, credential, null, pins, false, 30, 5_000, 4, true, 1.0);
    }

    @Test
    void withoutNetBoxAndWithoutHostsThereIsNothingToCheckAndTheRunSucceeds()
            throws Exception
    {
        TestRun run = job(Ipam.unconfigured("ipam.url is not set (NETCRON_IPAM_URL)"), unconfiguredSplunk())
                .params(new ConsoleHealthParams(List.of(), List.of(), List.of("ilo"), List.of(), List.of(), 443, "ilo", null, Map.of(), false, 30, 5_000, 4, true, 1.0))
                .run();

        assertThat(run.resultOrThrow().values())
                .containsEntry("targets", 0)
                .containsEntry("skipped", "nothing to check: no hosts in params and ipam.url is not set (NETCRON_IPAM_URL)");
    }

    @Test
    void aHealthyConsoleReportsHealthFirmwareLatencyAndCertificateDays()
            throws Exception
    {
        try (FakeIlo ilo = FakeIlo.start(longLived, "OK", "OK", "OK")) {
            TestRun run = job().params(hosts(List.of(ilo.address()), Map.of(ilo.address(), longLived.fingerprint()), "ilo")).run();

            Map<String, Object> result = run.resultOrThrow().values();
            assertThat(result).containsEntry("counts", Map.of("ok", 1L)).containsEntry("by_status", Map.of("ok", 1L));
            assertThat(consoles(result)).singleElement().satisfies(console -> {
                assertThat(console).containsEntry("status", "ok").containsEntry("health", "OK").containsEntry("health_rollup", "OK")
                        .containsEntry("aggregate_health", "OK").containsEntry("firmware", "iLO 5 v2.72").containsEntry("warnings", List.of());
                assertThat((Long) console.get("certificate_days_left")).isBetween(363L, 365L);
                assertThat((Double) console.get("latency_ms")).isPositive();
            });
        }
    }

    @Test
    void perConsoleGaugesGoToTheNodesMetrics()
            throws Exception
    {
        try (FakeIlo ilo = FakeIlo.start(longLived, "OK", "OK", "OK")) {
            job().params(hosts(List.of(ilo.address()), Map.of(ilo.address(), longLived.fingerprint()), "ilo")).run().resultOrThrow();

            Map<String, String> console = Map.of("job_name", "console-health-monitor", "console", ilo.address());
            assertThat(metrics.gauge("netcron.console.up", console)).contains(1.0);
            assertThat(metrics.gauge("netcron.console.certificate.expiry.days", console)).hasValueSatisfying(days -> assertThat(days).isBetween(363.0, 365.0));
            assertThat(metrics.gauge("netcron.console.latency.seconds", console)).hasValueSatisfying(seconds -> assertThat(seconds).isPositive());
            assertThat(metrics.gauge("netcron.console.health", Map.of("job_name", "console-health-monitor", "console", ilo.address(), "component", "aggregate")))
                    .contains(0.0);
            assertThat(metrics.gauge("netcron.console.firmware.info", Map.of("job_name", "console-health-monitor", "console", ilo.address(), "firmware", "iLO 5 v2.72")))
                    .contains(1.0);
        }
    }

    @Test
    void aCertificateAboutToExpireIsAWarning()
            throws Exception
    {
        try (FakeIlo ilo = FakeIlo.start(expiring, "OK", "OK", "OK")) {
            TestRun run = job().params(hosts(List.of(ilo.address()), Map.of(ilo.address(), expiring.fingerprint()), "ilo")).run();

            assertThat(consoles(run.resultOrThrow().values())).singleElement().satisfies(console -> {
                assertThat(console).containsEntry("status", "warning");
                assertThat((Long) console.get("certificate_days_left")).isBetween(0L, 2L);
                assertThat((List<?>) console.get("warnings")).singleElement().asString().contains("certificate expires in", "below 30");
            });
        }
    }

    @Test
    void aCertificateBeyondTheThresholdIsNoWarningWhenTheThresholdIsLower()
            throws Exception
    {
        try (FakeIlo ilo = FakeIlo.start(expiring, "OK", "OK", "OK")) {
            TestRun run = job().params(hosts(List.of(ilo.address()), Map.of(ilo.address(), expiring.fingerprint()), "ilo")).param("cert_warning_days", 0).run();

            assertThat(consoles(run.resultOrThrow().values())).singleElement().satisfies(console -> assertThat(console).containsEntry("status", "ok"));
        }
    }

    @Test
    void anUnreachableConsoleIsUnreachableWhileTheOthersAreOk()
            throws Exception
    {
        String closed = "127.0.0.1:" + LoopbackPorts.closed();
        try (FakeIlo ilo = FakeIlo.start(longLived, "OK", "OK", "OK")) {
            TestRun run = job().params(hosts(List.of(ilo.address(), closed), Map.of(ilo.address(), longLived.fingerprint()), "ilo")).run();

            Map<String, Object> result = run.resultOrThrow().values();
            assertThat(result).containsEntry("counts", Map.of("ok", 1L, "unreachable", 1L));
            assertThat(consoles(result)).filteredOn(console -> closed.equals(console.get("console"))).singleElement()
                    .satisfies(console -> assertThat(console).containsEntry("status", "unreachable").containsEntry("reachable", false));
            assertThat(metrics.gauge("netcron.console.up", Map.of("job_name", "console-health-monitor", "console", closed))).contains(0.0);
        }
    }

    @Test
    void criticalHpeAggregateHealthMakesTheConsoleCritical()
            throws Exception
    {
        try (FakeIlo ilo = FakeIlo.start(longLived, "OK", "Critical", "Critical")) {
            TestRun run = job().params(hosts(List.of(ilo.address()), Map.of(ilo.address(), longLived.fingerprint()), "ilo")).run();

            assertThat(consoles(run.resultOrThrow().values())).singleElement().satisfies(console -> {
                assertThat(console).containsEntry("status", "critical").containsEntry("aggregate_health", "Critical");
                assertThat(components(console)).containsEntry("Fans", "Critical").containsEntry("Memory", "OK");
            });
            assertThat(metrics.gauge("netcron.console.health", Map.of("job_name", "console-health-monitor", "console", ilo.address(), "component", "rollup")))
                    .contains(2.0);
        }
    }

    @Test
    void aRefusedLoginIsAuthFailedAndStillShowsTheCertificate()
            throws Exception
    {
        try (FakeIlo ilo = FakeIlo.start(longLived, "OK", "OK", "OK")) {
            TestRun run = job().params(hosts(List.of(ilo.address()), Map.of(ilo.address(), longLived.fingerprint()), "ilo-wrong")).run();

            Map<String, Object> result = run.resultOrThrow().values();
            assertThat(result).containsEntry("counts", Map.of("auth_failed", 1L));
            assertThat(consoles(result)).singleElement().satisfies(console -> {
                assertThat(console).containsEntry("status", "auth_failed").containsEntry("reachable", true);
                assertThat((Long) console.get("certificate_days_left")).isPositive();
                assertThat(console.toString()).doesNotContain(FakeIlo.PASSWORD, "not-the-password");
            });
        }
    }

    @Test
    void aCaFileTrustsTheConsolesCertificate()
            throws Exception
    {
        try (FakeIlo ilo = FakeIlo.start(longLived, "OK", "OK", "OK")) {
            TestRun run = job().params(hosts(List.of(ilo.address()), NO_PINS, "ilo")).param("tls_ca_file", longLived.pemFile().toString()).run();

            assertThat(run.resultOrThrow().values()).containsEntry("by_status", Map.of("ok", 1L));
        }
    }

    @Test
    void eachConsoleIsAnEventForSplunkHec()
            throws Exception
    {
        try (FakeIlo ilo = FakeIlo.start(longLived, "OK", "OK", "OK");
                FakeHttpServer hec = FakeHttpServer.http().on("/services/collector/event", (exchange, request) -> FakeHttpServer.json(exchange, 200, "{\"text\":\"Success\",\"code\":0}")).start()) {
            String closed = "127.0.0.1:" + LoopbackPorts.closed();
            TestRun run = job(Ipam.unconfigured("unused"), SplunkSettings.of(hec.uri("/")))
                    .params(hosts(List.of(ilo.address(), closed), Map.of(ilo.address(), longLived.fingerprint()), "ilo"))
                    .clock(Instant.parse("2026-11-30T12:00:00Z"))
                    .run();

            assertThat(run.resultOrThrow().values()).containsEntry("splunk_events", 2);
            assertThat(hec.requests()).singleElement().satisfies(request -> {
                assertThat(request.headers().getFirst("Authorization")).isEqualTo("Splunk hec-token-1234");
                assertThat(request.body().lines().toList()).hasSize(2).allSatisfy(line -> assertThat(line)
                        .contains("\"sourcetype\":\"netcron:console_health\"", "\"time\":1796040000"));
                assertThat(request.body()).contains("\"status\":\"ok\"", "\"status\":\"unreachable\"");
            });
        }
    }

    @Test
    void consolesComeFromNetBoxByTagAtTheirPrimaryAddress()
            throws Exception
    {
        try (FakeIlo ilo = FakeIlo.start(longLived, "OK", "OK", "OK");
                FakeHttpServer netbox = FakeHttpServer.http().on("/api/dcim/devices/", (exchange, request) -> FakeHttpServer.json(exchange, 200, """
                        {"count": 2, "next": null, "previous": null, "results": [
                          {"id": 11, "name": "srv1-ilo", "status": {"value": "active", "label": "Active"},
                           "role": {"id": 5, "name": "OOB", "slug": "oob"}, "platform": {"id": 8, "name": "iLO", "slug": "hpe-ilo"},
                           "site": {"id": 4, "name": "FRA1", "slug": "fra1"}, "serial": "",
                           "primary_ip": {"id": 91, "family": 4, "address": "127.0.0.1/8"},
                           "primary_ip4": {"id": 91, "family": 4, "address": "127.0.0.1/8"}, "primary_ip6": null, "custom_fields": {}},
                          {"id": 12, "name": "srv2-ilo", "status": {"value": "active", "label": "Active"},
                           "role": {"id": 5, "name": "OOB", "slug": "oob"}, "platform": null, "site": null, "serial": "",
                           "primary_ip": null, "primary_ip4": null, "primary_ip6": null, "custom_fields": {}}]}
                        """)).start()) {
            Ipam ipam = new NetBoxClient(http, credentials, NetBoxSettings.of(netbox.uri("")));
            TestRun run = job(ipam, unconfiguredSplunk())
                    .paramsJson("{\"tags\": [\"ilo\"], \"port\": " + ilo.port() + ", \"tls_pins\": {\"127.0.0.1\": \"" + longLived.fingerprint() + "\"}}")
                    .run();

            Map<String, Object> result = run.resultOrThrow().values();
            assertThat(consoles(result)).extracting(console -> console.get("console") + " " + console.get("status"))
                    .containsExactly("srv1-ilo ok", "srv2-ilo failed");
            assertThat(netbox.requests()).singleElement().satisfies(request -> assertThat(request.pathAndQuery()).contains("tag=ilo", "status=active"));
        }
    }

    @Test
    void aHostWithABadPortIsAFailedConsoleNotACrashedRun()
            throws Exception
    {
        try (FakeIlo ilo = FakeIlo.start(longLived, "OK", "OK", "OK")) {
            TestRun run = job().params(hosts(List.of(ilo.address(), "127.0.0.1:https"), Map.of(ilo.address(), longLived.fingerprint()), "ilo")).run();

            Map<String, Object> result = run.resultOrThrow().values();
            assertThat(result).containsEntry("counts", Map.of("ok", 1L, "failed", 1L));
            assertThat(consoles(result)).filteredOn(console -> "127.0.0.1:https".equals(console.get("console"))).singleElement()
                    .satisfies(console -> assertThat((String) console.get("error")).contains("not a port number"));
        }
    }

    @Test
    void withoutHostsOrAFilterTheRunSaysWhatToGive()
    {
        TestRun run = job().paramsJson("{\"tags\": []}").run();

        assertThat(run.failure()).isInstanceOf(JobFailedException.class).hasMessageContaining("give hosts, or NetBox roles, tags or platforms");
    }

    private static SplunkSettings unconfiguredSplunk()
    {
        SplunkSettings configured = SplunkSettings.of(java.net.URI.create("http://127.0.0.1:9"));
        return new SplunkSettings(Optional.empty(), configured.credential(), configured.index(), configured.source(), configured.sourcetype(), configured.host(),
                configured.trust(), configured.timeout(), configured.batchSize(), configured.maxBatchBytes(), configured.maxAttempts(), configured.retryDelay(),
                configured.maxRetryDelay());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> components(Map<String, Object> console)
    {
        return (Map<String, String>) console.get("components");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> consoles(Map<String, Object> result)
    {
        return (List<Map<String, Object>>) result.get("consoles");
    }
}
