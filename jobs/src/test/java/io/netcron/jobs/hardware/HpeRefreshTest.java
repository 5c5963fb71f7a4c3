package io.netcron.jobs.hardware;

import com.sun.net.httpserver.HttpExchange;
import io.netcron.credentials.Credential;
import io.netcron.job.NetcronJob;
import io.netcron.testing.FakeHttpServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HpeRefreshTest
        extends PlatformContract
{
    static final String TOKEN = "c8f3e5d2a1b04f6e9d7c";
    static final String SESSION = "/redfish/v1/SessionService/Sessions/netcron0000000063a1b2c3/";
    static final String SYSTEM = """
            {"@odata.context": "/redfish/v1/$metadata#ComputerSystem.ComputerSystem", "@odata.id": "/redfish/v1/Systems/1/",
             "@odata.type": "#ComputerSystem.v1_13_0.ComputerSystem", "Id": "1", "Name": "Computer System",
             "AssetTag": "", "BiosVersion": "U30 v2.76 (02/09/2023)", "HostName": "srv1.fra1.example.net",
             "Manufacturer": "HPE", "Model": "ProLiant DL380 Gen10", "PowerState": "On", "SKU": "868703-B21",
             "SerialNumber": "CZ2D1234AB", "SystemType": "Physical", "UUID": "30393137-3136-5a43-3232-303131303231"}
            """;
    static final String MANAGER = """
            {"@odata.id": "/redfish/v1/Managers/1/", "@odata.type": "#Manager.v1_5_1.Manager", "Id": "1",
             "FirmwareVersion": "iLO 5 v2.78", "ManagerType": "BMC", "Model": "iLO 5", "Name": "Manager"}
            """;

    @Override
    Class<? extends NetcronJob> job()
    {
        return RefreshHwinfoHpe.class;
    }

    @Override
    String platform()
    {
        return "ilo";
    }

    @Override
    Credential credential()
    {
        return Credential.login("hwinfo-hpe", "netcron", "ilo-pass-123");
    }

    @Override
    void answer(Mode mode, HttpExchange exchange, FakeHttpServer.Request request)
            throws IOException
    {
        String path = request.pathAndQuery();
        if (path.equals("/redfish/v1/SessionService/Sessions") && request.method().equals("POST")) {
            FakeHttpServer.respond(exchange, 201, Map.of("X-Auth-Token", TOKEN, "Location", SESSION, "Content-Type", "application/json"),
                    "{\"@odata.id\": \"" + SESSION + "\", \"UserName\": \"netcron\"}");
            return;
        }
        if (!TOKEN.equals(request.header("X-Auth-Token"))) {
            FakeHttpServer.json(exchange, 401, "{\"error\": {\"code\": \"iLO.0.10.ExtendedInfo\"}}");
            return;
        }
        switch (path) {
            case SESSION -> FakeHttpServer.json(exchange, 200, "{}");
            case "/redfish/v1/Systems/1" -> FakeHttpServer.json(exchange, 200, mode == Mode.GOOD ? SYSTEM : "{\"Id\": \"1\", \"Name\": \"Computer System\"}");
            case "/redfish/v1/Managers/1" -> FakeHttpServer.json(exchange, 200, MANAGER);
            default -> FakeHttpServer.json(exchange, 404, "{}");
        }
    }

    @Override
    String model()
    {
        return "ProLiant DL380 Gen10";
    }

    @Override
    String serial()
    {
        return "CZ2D1234AB";
    }

    @Override
    String version()
    {
        return "iLO 5 v2.78";
    }

    @Test
    void opensASessionAndDeletesItAfterwards()
    {
        addGoodDevice("");

        run(Map.of());

        var requests = vendors.get(Mode.GOOD).requests();
        assertThat(requests.getFirst().body()).contains("\"UserName\":\"netcron\"");
        assertThat(requests.getLast().method()).isEqualTo("DELETE");
        assertThat(requests.getLast().pathAndQuery()).isEqualTo(SESSION);
    }
}
