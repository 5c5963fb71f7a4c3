package io.netcron.jobs.monitoring;

import io.netcron.testing.FakeHttpServer;
import io.netcron.testing.SelfSignedCertificate;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An iLO 5 as far as the monitor asks it: HTTPS with its own certificate, Basic authentication,
 * {@code /redfish/v1/Systems/1} and {@code /redfish/v1/Managers/1} in the shapes of HPE's iLO 5
 * Redfish reference (trimmed), with a chosen health.
 */
final class FakeIlo
        implements AutoCloseable
{
    static final String USER = "monitor";
    static final String PASSWORD = "s3cret-pw";

    private final FakeHttpServer peer;

    private FakeIlo(FakeHttpServer peer)
    {
        this.peer = peer;
    }

    static FakeIlo start(SelfSignedCertificate certificate, String health, String rollup, String fans)
            throws Exception
    {
        String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        FakeHttpServer peer = FakeHttpServer.https(certificate.serverContext())
                .on("/redfish/v1/Systems/1", (exchange, request) -> {
                    if (!expected.equals(request.headers().getFirst("Authorization"))) {
                        FakeHttpServer.json(exchange, 401, UNAUTHORIZED);
                        return;
                    }
                    FakeHttpServer.json(exchange, 200, system(health, rollup, fans));
                })
                .on("/redfish/v1/Managers/1", (exchange, request) -> {
                    if (!expected.equals(request.headers().getFirst("Authorization"))) {
                        FakeHttpServer.json(exchange, 401, UNAUTHORIZED);
                        return;
                    }
                    FakeHttpServer.json(exchange, 200, MANAGER);
                })
                .start();
        return new FakeIlo(peer);
    }

    String address()
    {
        return peer.address();
    }

    int port()
    {
        return peer.port();
    }

    FakeHttpServer peer()
    {
        return peer;
    }

    private static final String UNAUTHORIZED = """
            {"error": {"code": "iLO.0.10.ExtendedInfo", "message": "See @Message.ExtendedInfo for more information.",
             "@Message.ExtendedInfo": [{"MessageId": "Base.1.4.NoValidSession"}]}}
            """;

    private static final String MANAGER = """
            {"@odata.id": "/redfish/v1/Managers/1/", "@odata.type": "#Manager.v1_5_1.Manager", "Id": "1",
             "FirmwareVersion": "iLO 5 v2.72", "ManagerType": "BMC", "Model": "iLO 5", "Name": "Manager",
             "Status": {"Health": "OK", "State": "Enabled"}}
            """;

    private static String system(String health, String rollup, String fans)
    {
        return """
                {"@odata.id": "/redfish/v1/Systems/1/", "@odata.type": "#ComputerSystem.v1_13_0.ComputerSystem", "Id": "1",
                 "Manufacturer": "HPE", "Model": "ProLiant DL380 Gen10", "SerialNumber": "CZJ12345AB", "PowerState": "On",
                 "Status": {"Health": "%s", "HealthRollup": "%s", "State": "Enabled"},
                 "Oem": {"Hpe": {"AggregateHealthStatus": {
                   "AgentlessManagementService": "Ready",
                   "BiosOrHardwareHealth": {"Status": {"Health": "OK"}},
                   "FanRedundancy": "Redundant",
                   "Fans": {"Status": {"Health": "%s"}},
                   "Memory": {"Status": {"Health": "OK"}},
                   "Network": {"Status": {"Health": "OK"}},
                   "PowerSupplies": {"PowerSuppliesMismatch": false, "Status": {"Health": "OK"}},
                   "PowerSupplyRedundancy": "Redundant",
                   "Processors": {"Status": {"Health": "OK"}},
                   "SmartStorageBattery": {"Status": {"Health": "OK"}},
                   "Storage": {"Status": {"Health": "OK"}},
                   "Temperatures": {"Status": {"Health": "OK"}}}}}}
                """.formatted(health, rollup, fans);
    }

    @Override
    public void close()
    {
        peer.close();
    }
}
