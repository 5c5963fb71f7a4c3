package io.netcron.server.testing;

import io.netcron.testing.FakeHttpServer;

import javax.net.ssl.SSLContext;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTPS device APIs on loopback answering the vendors' documented payloads, one peer per platform
 * (many NetBox devices may point at the same peer): Arista eAPI, Aruba AOS-CX REST, F5 iControl REST,
 * PAN-OS XML API, HPE iLO Redfish, and a Versa Director listing appliances (IOS's show version is
 * {@link io.netcron.ssh.FakeDevice#IOS_XE_SHOW_VERSION}).
 */
public final class HardwarePeers
{
    public record Facts(String platform, String model, String serial, String version) {}

    public static final Facts ARISTA = new Facts("eos", "DCS-7050SX3-48YC8", "JPE20123456", "4.30.1F");
    public static final Facts ARUBA = new Facts("aoscx", "8325-32C", "SG9ZKM3024", "GL.10.04.0003");
    public static final Facts F5 = new Facts("bigip", "BIG-IP i5800", "f5-jcxw-lbnk", "15.1.8");
    public static final Facts PALOALTO = new Facts("panos", "PA-850", "012801096514", "10.2.4");
    public static final Facts HPE = new Facts("ilo", "ProLiant DL380 Gen10", "CZ2D1234AB", "iLO 5 v2.78");
    public static final Facts VERSA = new Facts("flexvnf", "CSG750", "SN-VERSA-0001", "21.2.3-B");
    public static final Facts IOS = new Facts("ios", "C9300-48P", "FCW2139L0AB", "17.03.04a");

    private static final String ARUBA_SESSION = "id=3b1f6c2a9d";
    private static final String F5_TOKEN = "ZJ4OQ7KBXAZK7RM3H6YA5KM6NR";
    private static final String PAN_KEY = "LUFRPT14MW5xOEo1R09KVlBZNnpnemh0VHRBOWl6TGM9bXcwM3JHUGVhRlNiY0dCR0srNERUQT09";
    private static final String ILO_TOKEN = "c8f3e5d2a1b04f6e9d7c";
    private static final String ILO_SESSION = "/redfish/v1/SessionService/Sessions/netcron0000000063a1b2c3/";

    private HardwarePeers() {}

    /** eAPI: {@code POST /command-api} runCmds [show version, show hostname]. */
    public static FakeHttpServer arista(SSLContext tls)
            throws IOException
    {
        return FakeHttpServer.https(tls).on("/", (exchange, request) -> {
            if (!request.method().equals("POST") || !request.pathAndQuery().equals("/command-api") || request.header("Authorization") == null) {
                FakeHttpServer.json(exchange, 404, "{}");
                return;
            }
            FakeHttpServer.json(exchange, 200, """
                    {"jsonrpc": "2.0", "id": "netcron-hwinfo", "result": [
                      {"mfgName": "Arista", "modelName": "DCS-7050SX3-48YC8", "hardwareRevision": "12.05", "serialNumber": "JPE20123456",
                       "systemMacAddress": "2c:dd:e9:aa:bb:cc", "version": "4.30.1F", "architecture": "x86_64",
                       "internalVersion": "4.30.1F-32315456.4301F", "bootupTimestamp": 1700000000.5, "uptime": 93784.2,
                       "memTotal": 8098728, "memFree": 5727484, "isIntlVersion": false},
                      {"hostname": "leaf1", "fqdn": "leaf1.fra1.example.net"}]}
                    """);
        }).start();
    }

    /** AOS-CX REST v10.04: form login for a session cookie, system and chassis, logout. */
    public static FakeHttpServer aruba(SSLContext tls)
            throws IOException
    {
        return FakeHttpServer.https(tls).on("/", (exchange, request) -> {
            String path = request.pathAndQuery();
            if (path.equals("/rest/v10.04/login") && request.method().equals("POST")) {
                FakeHttpServer.respond(exchange, 200, Map.of("Set-Cookie", ARUBA_SESSION + "; Path=/; HttpOnly; Secure"), "");
                return;
            }
            if (!ARUBA_SESSION.equals(request.header("Cookie"))) {
                FakeHttpServer.json(exchange, 401, "{}");
                return;
            }
            switch (path) {
                case "/rest/v10.04/logout" -> FakeHttpServer.respond(exchange, 200, Map.of(), "");
                case "/rest/v10.04/system?attributes=platform_name,hostname,software_version,boot_time" -> FakeHttpServer.json(exchange, 200,
                        "{\"boot_time\": 1764400000, \"hostname\": \"sw1\", \"platform_name\": \"8325\", \"software_version\": \"GL.10.04.0003\"}");
                case "/rest/v10.04/system/subsystems/chassis,1?attributes=product_info" -> FakeHttpServer.json(exchange, 200, """
                        {"product_info": {"base_mac_address": "38:21:c7:5c:bb:00", "instance": "1", "part_number": "JL627A",
                          "product_description": "8325-32C 32-port 100G QSFP+/QSFP28 BF 6 Fans 2 PS Bundle",
                          "product_name": "8325-32C", "serial_number": "SG9ZKM3024", "vendor": "Aruba"}}
                        """);
                default -> FakeHttpServer.json(exchange, 404, "{}");
            }
        }).start();
    }

    /** iControl REST: token login, sys/hardware, sys/version, sys/global-settings, token delete. */
    public static FakeHttpServer f5(SSLContext tls)
            throws IOException
    {
        return FakeHttpServer.https(tls).on("/", (exchange, request) -> {
            String path = request.pathAndQuery();
            if (path.equals("/mgmt/shared/authn/login") && request.method().equals("POST")) {
                FakeHttpServer.json(exchange, 200, "{\"username\": \"netcron\", \"loginProviderName\": \"tmos\", \"token\": {\"token\": \"" + F5_TOKEN
                        + "\", \"name\": \"" + F5_TOKEN + "\", \"userName\": \"netcron\", \"timeout\": 1200}}");
                return;
            }
            if (!F5_TOKEN.equals(request.header("X-F5-Auth-Token"))) {
                FakeHttpServer.json(exchange, 401, "{\"code\": 401, \"message\": \"Authorization failed\"}");
                return;
            }
            if (path.startsWith("/mgmt/shared/authz/tokens/") && request.method().equals("DELETE")) {
                FakeHttpServer.json(exchange, 200, "{}");
                return;
            }
            String body = switch (path) {
                case "/mgmt/tm/sys/hardware" -> """
                        {"kind": "tm:sys:hardware:hardwarestats", "entries": {
                          "https://localhost/mgmt/tm/sys/hardware/platform": {"nestedStats": {"entries": {
                            "https://localhost/mgmt/tm/sys/hardware/platform/0": {"nestedStats": {"entries": {
                              "baseMac": {"description": "00:94:a1:69:59:02"}, "marketingName": {"description": "BIG-IP i5800"}}}}}}},
                          "https://localhost/mgmt/tm/sys/hardware/system-info": {"nestedStats": {"entries": {
                            "https://localhost/mgmt/tm/sys/hardware/system-info/0": {"nestedStats": {"entries": {
                              "bigipChassisSerialNum": {"description": "f5-jcxw-lbnk"}, "platform": {"description": "C119"},
                              "product": {"description": "BIG-IP"}}}}}}}}}
                        """;
                case "/mgmt/tm/sys/version" -> """
                        {"kind": "tm:sys:version:versionstats", "entries": {"https://localhost/mgmt/tm/sys/version/0": {"nestedStats": {"entries": {
                          "Build": {"description": "0.0.7"}, "Edition": {"description": "Final"}, "Product": {"description": "BIG-IP"},
                          "Title": {"description": "Main Package"}, "Version": {"description": "15.1.8"}}}}}}
                        """;
                case "/mgmt/tm/sys/global-settings" -> """
                        {"kind": "tm:sys:global-settings:global-settingsstate", "hostname": "lb1.fra1.example.net", "mgmtDhcp": "disabled"}
                        """;
                default -> null;
            };
            FakeHttpServer.json(exchange, body == null ? 404 : 200, body == null ? "{\"code\": 404}" : body);
        }).start();
    }

    /** PAN-OS XML API: keygen, then {@code show system info} with the key in X-PAN-KEY. */
    public static FakeHttpServer paloAlto(SSLContext tls)
            throws IOException
    {
        return FakeHttpServer.https(tls).on("/", (exchange, request) -> {
            String query = URLDecoder.decode(request.pathAndQuery(), StandardCharsets.UTF_8);
            Map<String, String> xml = Map.of("Content-Type", "application/xml");
            if (query.startsWith("/api/?type=keygen")) {
                FakeHttpServer.respond(exchange, 200, xml, "<response status=\"success\"><result><key>" + PAN_KEY + "</key></result></response>");
                return;
            }
            if (!query.startsWith("/api/?type=op&cmd=<show><system><info></info></system></show>") || !PAN_KEY.equals(request.header("X-PAN-KEY"))) {
                FakeHttpServer.respond(exchange, 403, xml, "<response status=\"error\" code=\"403\"><result><msg>Invalid credential</msg></result></response>");
                return;
            }
            FakeHttpServer.respond(exchange, 200, xml, """
                    <response status="success"><result><system>
                      <hostname>fw1</hostname><ip-address>192.0.2.10</ip-address><mac-address>00:1b:17:00:01:10</mac-address>
                      <uptime>12 days, 3:04:05</uptime><devicename>fw1</devicename><family>800</family>
                      <model>PA-850</model><serial>012801096514</serial><sw-version>10.2.4</sw-version>
                      <operational-mode>normal</operational-mode>
                    </system></result></response>
                    """);
        }).start();
    }

    /** iLO 5 Redfish: session login, Systems/1, Managers/1, session delete. */
    public static FakeHttpServer hpe(SSLContext tls)
            throws IOException
    {
        return FakeHttpServer.https(tls).on("/", (exchange, request) -> {
            String path = request.pathAndQuery();
            if (path.equals("/redfish/v1/SessionService/Sessions") && request.method().equals("POST")) {
                FakeHttpServer.respond(exchange, 201, Map.of("X-Auth-Token", ILO_TOKEN, "Location", ILO_SESSION, "Content-Type", "application/json"),
                        "{\"@odata.id\": \"" + ILO_SESSION + "\", \"UserName\": \"netcron\"}");
                return;
            }
            if (!ILO_TOKEN.equals(request.header("X-Auth-Token"))) {
                FakeHttpServer.json(exchange, 401, "{\"error\": {\"code\": \"iLO.0.10.ExtendedInfo\"}}");
                return;
            }
            switch (path) {
                case ILO_SESSION -> FakeHttpServer.json(exchange, 200, "{}");
                case "/redfish/v1/Systems/1" -> FakeHttpServer.json(exchange, 200, """
                        {"@odata.id": "/redfish/v1/Systems/1/", "@odata.type": "#ComputerSystem.v1_13_0.ComputerSystem", "Id": "1",
                         "Name": "Computer System", "HostName": "srv1.fra1.example.net", "Manufacturer": "HPE", "Model": "ProLiant DL380 Gen10",
                         "PowerState": "On", "SKU": "868703-B21", "SerialNumber": "CZ2D1234AB", "SystemType": "Physical"}
                        """);
                case "/redfish/v1/Managers/1" -> FakeHttpServer.json(exchange, 200, """
                        {"@odata.id": "/redfish/v1/Managers/1/", "@odata.type": "#Manager.v1_5_1.Manager", "Id": "1",
                         "FirmwareVersion": "iLO 5 v2.78", "ManagerType": "BMC", "Model": "iLO 5", "Name": "Manager"}
                        """);
                default -> FakeHttpServer.json(exchange, 404, "{}");
            }
        }).start();
    }

    /** A Versa Director's paged appliance listing; {@code names} grows as the test adds appliances. */
    public static FakeHttpServer versaDirector(SSLContext tls, List<String> names)
            throws IOException
    {
        List<String> appliances = new CopyOnWriteArrayList<>(names);
        return FakeHttpServer.https(tls).on("/vnms/appliance/appliance", (exchange, request) -> {
            if (!String.valueOf(request.header("Authorization")).startsWith("Basic ")) {
                FakeHttpServer.json(exchange, 401, "{\"error\": \"Unauthorized\"}");
                return;
            }
            Matcher paging = Pattern.compile("offset=(\\d+)&limit=(\\d+)").matcher(URLDecoder.decode(request.pathAndQuery(), StandardCharsets.UTF_8));
            int offset = paging.find() ? Integer.parseInt(paging.group(1)) : 0;
            int limit = paging.hasMatch() ? Integer.parseInt(paging.group(2)) : 25;
            List<String> page = appliances.subList(Math.min(offset, appliances.size()), Math.min(offset + limit, appliances.size()));
            StringBuilder body = new StringBuilder();
            for (String name : page) {
                body.append(body.isEmpty() ? "" : ",").append(appliance(name));
            }
            FakeHttpServer.json(exchange, 200, "{\"versanms.ApplianceStatusResult\": {\"totalCount\": " + appliances.size()
                    + ", \"appliances\": [" + body + "]}}");
        }).start();
    }

    /** An iLO 5 as the console monitor asks it: Basic auth, Systems/1 with health and Managers/1 with firmware. */
    public static FakeHttpServer iloHealth(SSLContext tls, String user, String password)
            throws IOException
    {
        String expected = "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return FakeHttpServer.https(tls).on("/redfish/v1/", (exchange, request) -> {
            if (!expected.equals(request.header("Authorization"))) {
                FakeHttpServer.json(exchange, 401, "{\"error\": {\"code\": \"iLO.0.10.ExtendedInfo\", \"@Message.ExtendedInfo\": [{\"MessageId\": \"Base.1.4.NoValidSession\"}]}}");
                return;
            }
            switch (request.pathAndQuery().replaceAll("/$", "")) {
                case "/redfish/v1/Systems/1" -> FakeHttpServer.json(exchange, 200, """
                        {"@odata.id": "/redfish/v1/Systems/1/", "@odata.type": "#ComputerSystem.v1_13_0.ComputerSystem", "Id": "1",
                         "Manufacturer": "HPE", "Model": "ProLiant DL380 Gen10", "SerialNumber": "CZJ12345AB", "PowerState": "On",
                         "Status": {"Health": "OK", "HealthRollup": "OK", "State": "Enabled"},
                         "Oem": {"Hpe": {"AggregateHealthStatus": {"AgentlessManagementService": "Ready",
                           "BiosOrHardwareHealth": {"Status": {"Health": "OK"}}, "FanRedundancy": "Redundant", "Fans": {"Status": {"Health": "OK"}},
                           "Memory": {"Status": {"Health": "OK"}}, "Network": {"Status": {"Health": "OK"}},
                           "PowerSupplies": {"PowerSuppliesMismatch": false, "Status": {"Health": "OK"}}, "PowerSupplyRedundancy": "Redundant",
                           "Processors": {"Status": {"Health": "OK"}}, "Storage": {"Status": {"Health": "OK"}},
                           "Temperatures": {"Status": {"Health": "OK"}}}}}}
                        """);
                case "/redfish/v1/Managers/1" -> FakeHttpServer.json(exchange, 200, """
                        {"@odata.id": "/redfish/v1/Managers/1/", "@odata.type": "#Manager.v1_5_1.Manager", "Id": "1",
                         "FirmwareVersion": "iLO 5 v2.72", "ManagerType": "BMC", "Model": "iLO 5", "Name": "Manager",
                         "Status": {"Health": "OK", "State": "Enabled"}}
                        """);
                default -> FakeHttpServer.json(exchange, 404, "{}");
            }
        }).start();
    }

    /** eAPI answering {@code show ip interface} (runCmds) with the given interfaces JSON object, Basic auth required. */
    public static FakeHttpServer eapiInterfaces(SSLContext tls, String interfaces)
            throws IOException
    {
        return FakeHttpServer.https(tls).on("/command-api", (exchange, request) -> {
            if (!String.valueOf(request.header("Authorization")).startsWith("Basic ")) {
                FakeHttpServer.respond(exchange, 401, Map.of(), "Unauthorized");
                return;
            }
            FakeHttpServer.json(exchange, 200, "{\"jsonrpc\": \"2.0\", \"id\": \"netcron-svi-import\", \"result\": [{\"interfaces\": " + interfaces + "}]}");
        }).start();
    }

    private static String appliance(String name)
    {
        return """
                {"name": "%s", "uuid": "0f8a-%s", "applianceLocation": {"appliance-name": "%s"}, "ipAddress": "10.0.0.1",
                 "ownerOrg": "Tenant1", "type": "branch", "sync-status": "IN_SYNC", "ping-status": "REACHABLE",
                 "softwareVersion": "%s", "services": ["sdwan"],
                 "Hardware": {"name": "%s", "model": "%s", "cpuCores": 8, "memory": "15.39GiB", "firmwareVersion": "5.12",
                              "manufacturer": "Versa Networks", "serialNo": "%s", "hardWareSerialNo": "%s", "packageName": "versa-flexvnf-20230420"}}
                """.formatted(name, name, name, VERSA.version(), name, VERSA.model(), VERSA.serial(), VERSA.serial());
    }
}
