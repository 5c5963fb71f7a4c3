package io.netcron.jobs.hardware;

import com.sun.net.httpserver.HttpExchange;
import io.netcron.credentials.Credential;
import io.netcron.credentials.Secret;
import io.netcron.job.NetcronJob;
import io.netcron.metrics.JobMetrics;
import io.netcron.job.testing.TestRun;
import io.netcron.testing.FakeHttpServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PaloAltoRefreshTest
        extends PlatformContract
{
    static final String KEY = "LUFRPT14MW5xOEo1R09KVlBZNnpnemh0VHRBOWl6TGM9bXcwM3JHUGVhRlNiY0dCR0srNERUQT09";

    /** {@code show system info} as the PAN-OS XML API answers it. */
    static final String SYSTEM_INFO = """
            <response status="success"><result><system>
              <hostname>fw1</hostname><ip-address>192.0.2.10</ip-address><netmask>255.255.255.0</netmask>
              <mac-address>00:1b:17:00:01:10</mac-address><time>Mon Nov 30 14:00:00 2026</time>
              <uptime>12 days, 3:04:05</uptime><devicename>fw1</devicename><family>800</family>
              <model>PA-850</model><serial>012801096514</serial><sw-version>10.2.4</sw-version>
              <app-version>8700-8000</app-version><av-version>4600-5100</av-version><vm-license>none</vm-license>
              <operational-mode>normal</operational-mode>
            </system></result></response>
            """;

    @Override
    Class<? extends NetcronJob> job()
    {
        return RefreshHwinfoPaloAlto.class;
    }

    @Override
    String platform()
    {
        return "panos";
    }

    @Override
    Credential credential()
    {
        return Credential.login("hwinfo-paloalto", "netcron", "pan-pass-123");
    }

    @Override
    void answer(Mode mode, HttpExchange exchange, FakeHttpServer.Request request)
            throws IOException
    {
        String query = URLDecoder.decode(request.pathAndQuery(), StandardCharsets.UTF_8);
        if (query.startsWith("/api/?type=keygen")) {
            boolean good = request.body().contains("user=netcron") && request.body().contains("password=pan-pass-123");
            xml(exchange, good ? 200 : 403, good ? "<response status=\"success\"><result><key>" + KEY + "</key></result></response>"
                    : "<response status=\"error\" code=\"403\"><result><msg>Invalid Credential</msg></result></response>");
            return;
        }
        if (!query.startsWith("/api/?type=op&cmd=<show><system><info></info></system></show>") || !KEY.equals(request.header("X-PAN-KEY"))) {
            xml(exchange, 403, "<response status=\"error\" code=\"403\"><result><msg>Invalid credential</msg></result></response>");
            return;
        }
        xml(exchange, 200, mode == Mode.GOOD ? SYSTEM_INFO : "<response status=\"success\"><result><system><model>PA-850");
    }

    static void xml(HttpExchange exchange, int status, String body)
            throws IOException
    {
        FakeHttpServer.respond(exchange, status, Map.of("Content-Type", "application/xml"), body);
    }

    @Override
    String model()
    {
        return "PA-850";
    }

    @Override
    String serial()
    {
        return "012801096514";
    }

    @Override
    String version()
    {
        return "10.2.4";
    }

    @Test
    void generatesAKeyFromTheLoginWithoutPuttingThePasswordInTheUrl()
    {
        addGoodDevice("");

        run(Map.of());

        FakeHttpServer.Request keygen = vendors.get(Mode.GOOD).requests().getFirst();
        assertThat(keygen.method()).isEqualTo("POST");
        assertThat(keygen.pathAndQuery()).isEqualTo("/api/?type=keygen").doesNotContain("pan-pass");
        assertThat(vendors.get(Mode.GOOD).requests().get(1).header("X-PAN-KEY")).isEqualTo(KEY);
    }

    @Test
    void aStoredKeyIsUsedWithoutKeygen()
    {
        addGoodDevice("");
        Credential withKey = new Credential("hwinfo-paloalto", Map.of(Credential.TOKEN, Secret.of(KEY)));

        TestRun run = runWith(withKey);

        assertThat(counts(run)).containsExactlyEntriesOf(Map.of("changed", 1L));
        assertThat(vendors.get(Mode.GOOD).requests()).hasSize(1);
    }

    @Test
    void panoramaManagedFirewallsAreAskedThroughPanoramaWithTheirSerialAsTarget()
    {
        netbox.addDevice(1, "good", platform(), model(), "", Map.of("port", vendors.get(Mode.GOOD).uri("/").getPort(), "tls", Map.of("pin", pin()),
                "panorama_serial", "012801096514"));

        run(Map.of());

        assertThat(vendors.get(Mode.GOOD).requests().get(1).pathAndQuery()).endsWith("&target=012801096514");
    }

    @Test
    void theUptimeStringIsReadAsSeconds()
    {
        assertThat(Uptimes.parse("12 days, 3:04:05")).hasValue(12 * 86400 + 3 * 3600 + 4 * 60 + 5);
    }

    private TestRun runWith(Credential credential)
    {
        io.netcron.credentials.Credentials credentials = io.netcron.credentials.Credentials.of(Map.of(
                credential.name(), credential, "ipam", Credential.token("ipam", "netbox-token-0123456789")));
        return io.netcron.job.testing.JobTester.forJob(job())
                .bind(io.netcron.http.SharedHttpClient.class, http)
                .bind(io.netcron.credentials.Credentials.class, credentials)
                .bind(io.netcron.ipam.Ipam.class, netbox.client(http, credentials))
                .bind(JobMetrics.class, metrics)
                .param("per_device_timeout", "PT3S")
                .run();
    }
}
