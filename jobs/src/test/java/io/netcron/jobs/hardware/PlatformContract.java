package io.netcron.jobs.hardware;

import com.sun.net.httpserver.HttpExchange;
import io.netcron.credentials.Credential;
import io.netcron.credentials.Credentials;
import io.netcron.http.HttpClientSettings;
import io.netcron.http.SharedHttpClient;
import io.netcron.ipam.FakeNetBox;
import io.netcron.ipam.Ipam;
import io.netcron.job.NetcronJob;
import io.netcron.metrics.InMemoryJobMetrics;
import io.netcron.metrics.JobMetrics;
import io.netcron.job.testing.JobTester;
import io.netcron.job.testing.TestRun;
import io.netcron.testing.FakeHttpServer;
import io.netcron.testing.SelfSignedCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every HTTPS platform's refresh job must do, against a fake device per behaviour (good,
 * malformed, slow, 401) plus a good device behind a wrong TLS pin, all listed by a fake NetBox.
 * A subclass answers the platform's documented payloads.
 */
abstract class PlatformContract
{
    enum Mode { GOOD, MALFORMED, SLOW, UNAUTHORIZED }

    static final String WRONG_PIN = "00".repeat(32);
    static SelfSignedCertificate certificate;

    final Map<Mode, FakeHttpServer> vendors = new EnumMap<>(Mode.class);
    final InMemoryJobMetrics metrics = new InMemoryJobMetrics();
    FakeNetBox netbox;
    SharedHttpClient http;

    abstract Class<? extends NetcronJob> job();

    abstract String platform();

    abstract Credential credential();

    /** Answers a GOOD or MALFORMED device's request. */
    abstract void answer(Mode mode, HttpExchange exchange, FakeHttpServer.Request request)
            throws IOException;

    abstract String model();

    abstract String serial();

    abstract String version();

    @BeforeAll
    static void certificate(@TempDir Path directory)
            throws Exception
    {
        if (certificate == null) {
            certificate = SelfSignedCertificate.create(directory);
        }
    }

    @BeforeEach
    void start()
            throws Exception
    {
        for (Mode mode : Mode.values()) {
            FakeHttpServer[] holder = new FakeHttpServer[1];
            holder[0] = FakeHttpServer.https(certificate.serverContext()).on("/", (exchange, request) -> {
                switch (mode) {
                    case SLOW -> holder[0].hang();
                    // echoes the request, as some error pages do: a login's password must still never reach a message
                    case UNAUTHORIZED -> FakeHttpServer.json(exchange, 401, "{\"error\": \"Unauthorized\", \"request\": "
                            + FakeNetBox.JSON.writeValueAsString(request.body()) + "}");
                    default -> answer(mode, exchange, request);
                }
            }).start();
            vendors.put(mode, holder[0]);
        }
        netbox = new FakeNetBox();
        http = new SharedHttpClient(HttpClientSettings.defaults());
    }

    @AfterEach
    void stop()
            throws IOException
    {
        vendors.values().forEach(FakeHttpServer::close);
        netbox.close();
        http.close();
    }

    static String pin()
    {
        try {
            return certificate.opensslFingerprint();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, Object> at(Mode mode, String pin)
    {
        return Map.of("port", vendors.get(mode).uri("/").getPort(), "tls", Map.of("pin", pin));
    }

    void addGoodDevice(String serialInNetBox)
    {
        netbox.addDevice(1, "good", platform(), model(), serialInNetBox, at(Mode.GOOD, pin()));
    }

    Credentials credentials()
    {
        return Credentials.of(Map.of(credential().name(), credential(), "ipam", Credential.token("ipam", "netbox-token-0123456789")));
    }

    TestRun run(Map<String, Object> params)
    {
        Credentials credentials = credentials();
        JobTester tester = JobTester.forJob(job())
                .bind(SharedHttpClient.class, http)
                .bind(Credentials.class, credentials)
                .bind(Ipam.class, netbox.client(http, credentials))
                .bind(JobMetrics.class, metrics)
                .param("per_device_timeout", "PT3S")
                .param("failure_share", 1.0);
        params.forEach(tester::param);
        return tester.run();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Long> counts(TestRun run)
    {
        return (Map<String, Long>) run.resultOrThrow().values().get("counts");
    }

    @Test
    void eachFailureKindGetsItsOwnOutcomeWhileTheGoodDeviceIsWritten()
    {
        addGoodDevice("");
        netbox.addDevice(2, "malformed", platform(), model(), "", at(Mode.MALFORMED, pin()));
        netbox.addDevice(3, "slow", platform(), model(), "", at(Mode.SLOW, pin()));
        netbox.addDevice(4, "refused", platform(), model(), "", at(Mode.UNAUTHORIZED, pin()));
        netbox.addDevice(5, "wrong-pin", platform(), model(), "", at(Mode.GOOD, WRONG_PIN));

        TestRun run = run(Map.of());

        assertThat(counts(run)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "changed", 1L, "parse_error", 1L, "timeout", 1L, "auth_failed", 1L, "unreachable", 1L));
        assertThat(netbox.patches()).hasSize(1);
        FakeNetBox.Patch patch = netbox.patches().getFirst();
        assertThat(patch.id()).isEqualTo(1);
        assertThat(patch.body().path("serial").asText()).isEqualTo(serial());
        assertThat(patch.body().path("custom_fields").path("sw_version").asText()).isEqualTo(version());
        assertThat(patch.body().path("custom_fields").path("hwinfo_refreshed_at").asText()).isNotEmpty();
        @SuppressWarnings("unchecked")
        List<Map<String, String>> failures = (List<Map<String, String>>) run.resultOrThrow().values().get("failures");
        assertThat(failures).extracting(failure -> failure.get("target")).containsExactlyInAnyOrder("malformed", "slow", "refused", "wrong-pin");
        assertThat(failures.toString()).doesNotContain(credential().password().reveal());
    }

    @Test
    void dryRunReadsButWritesNothing()
    {
        addGoodDevice("");

        TestRun run = run(Map.of("dry_run", true));

        assertThat(counts(run)).containsExactlyEntriesOf(Map.of("skipped", 1L));
        assertThat(netbox.patches()).isEmpty();
    }

    @Test
    void aSecondRunOverUnchangedDevicesWritesNothing()
    {
        addGoodDevice("");
        assertThat(counts(run(Map.of()))).containsExactlyEntriesOf(Map.of("changed", 1L));

        TestRun second = run(Map.of());

        assertThat(counts(second)).containsExactlyEntriesOf(Map.of("unchanged", 1L));
        assertThat(netbox.patches()).hasSize(1);
    }

    @Test
    void onlyTheChangedFieldsArePatched()
    {
        addGoodDevice(serial());

        run(Map.of());

        assertThat(netbox.patches()).hasSize(1);
        assertThat(netbox.patches().getFirst().body().has("serial")).isFalse();
        assertThat(netbox.patches().getFirst().body().path("custom_fields").path("sw_version").asText()).isEqualTo(version());
    }
}
