package io.netcron.jobs.hardware;

import com.sun.net.httpserver.HttpExchange;
import io.netcron.credentials.Credential;
import io.netcron.job.NetcronJob;
import io.netcron.testing.FakeHttpServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ArubaRefreshTest
        extends PlatformContract
{
    static final String SESSION = "id=3b1f6c2a9d";
    static final String SYSTEM = """
            {"boot_time": 1764400000, "hostname": "sw1", "platform_name": "8325", "software_version": "GL.10.04.0003"}
            """;
    static final String CHASSIS = """
            {"product_info": {"base_mac_address": "38:21:c7:5c:bb:00", "device_version": "", "instance": "1",
              "part_number": "JL627A", "product_description": "8325-32C 32-port 100G QSFP+/QSFP28 BF 6 Fans 2 PS Bundle",
              "product_name": "8325-32C", "serial_number": "SG9ZKM3024", "vendor": "Aruba"}}
            """;

    @Override
    Class<? extends NetcronJob> job()
    {
        return RefreshHwinfoAruba.class;
    }

    @Override
    String platform()
    {
        return "aoscx";
    }

    @Override
    Credential credential()
    {
        return Credential.login("hwinfo-aruba", "netcron", "cx-pass-123");
    }

    @Override
    void answer(Mode mode, HttpExchange exchange, FakeHttpServer.Request request)
            throws IOException
    {
        String path = request.pathAndQuery();
        if (path.equals("/rest/v10.04/login") && request.method().equals("POST")) {
            FakeHttpServer.respond(exchange, 200, Map.of("Set-Cookie", SESSION + "; Path=/; HttpOnly; Secure"), "");
            return;
        }
        if (!SESSION.equals(request.header("Cookie"))) {
            FakeHttpServer.json(exchange, 401, "{}");
            return;
        }
        if (path.equals("/rest/v10.04/logout")) {
            FakeHttpServer.respond(exchange, 200, Map.of(), "");
        }
        else if (path.equals("/rest/v10.04/system?attributes=platform_name,hostname,software_version,boot_time")) {
            FakeHttpServer.json(exchange, 200, mode == Mode.GOOD ? SYSTEM : "<html>Internal error</html>");
        }
        else if (path.equals("/rest/v10.04/system/subsystems/chassis,1?attributes=product_info")) {
            FakeHttpServer.json(exchange, 200, CHASSIS);
        }
        else {
            FakeHttpServer.json(exchange, 404, "{}");
        }
    }

    @Override
    String model()
    {
        return "8325-32C";
    }

    @Override
    String serial()
    {
        return "SG9ZKM3024";
    }

    @Override
    String version()
    {
        return "GL.10.04.0003";
    }

    @Test
    void logsInWithAFormAndLogsOutWithTheSessionCookie()
    {
        addGoodDevice("");

        run(Map.of());

        var requests = vendors.get(Mode.GOOD).requests();
        assertThat(requests.getFirst().body()).isEqualTo("username=netcron&password=cx-pass-123");
        assertThat(requests.getLast().pathAndQuery()).isEqualTo("/rest/v10.04/logout");
        assertThat(requests.getLast().header("Cookie")).isEqualTo(SESSION);
    }

    @Test
    void logsOutAlsoWhenTheAnswerIsMalformed()
    {
        netbox.addDevice(2, "malformed", platform(), model(), "", at(Mode.MALFORMED, pin()));

        assertThat(counts(run(Map.of()))).containsExactlyEntriesOf(Map.of("parse_error", 1L));
        assertThat(vendors.get(Mode.MALFORMED).requests().getLast().pathAndQuery()).isEqualTo("/rest/v10.04/logout");
    }

    @Test
    void theApiVersionComesFromTheDeviceContext()
    {
        netbox.addDevice(1, "good", platform(), model(), "", Map.of("port", vendors.get(Mode.GOOD).uri("/").getPort(), "tls", Map.of("pin", pin()),
                "api_version", "v10.13"));

        run(Map.of());

        assertThat(vendors.get(Mode.GOOD).requests().getFirst().pathAndQuery()).isEqualTo("/rest/v10.13/login");
    }
}
