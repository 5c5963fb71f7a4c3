package io.netcron.jobs.hardware;

import com.sun.net.httpserver.HttpExchange;
import io.netcron.credentials.Credential;
import io.netcron.job.NetcronJob;
import io.netcron.testing.FakeHttpServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class F5RefreshTest
        extends PlatformContract
{
    static final String TOKEN = "ZJ4OQ7KBXAZK7RM3H6YA5KM6NR";

    /** {@code GET /mgmt/tm/sys/hardware}: iControl's nested stats (trimmed to the platform and system-info entries). */
    static final String HARDWARE = """
            {"kind": "tm:sys:hardware:hardwarestats", "selfLink": "https://localhost/mgmt/tm/sys/hardware?ver=15.1.8",
             "entries": {
              "https://localhost/mgmt/tm/sys/hardware/platform": {"nestedStats": {"entries": {
                "https://localhost/mgmt/tm/sys/hardware/platform/0": {"nestedStats": {"entries": {
                  "baseMac": {"description": "00:94:a1:69:59:02"}, "biosRev": {"description": "OBJ-0653-xx"},
                  "marketingName": {"description": "BIG-IP i5800"}, "pvaVersion": {"description": "22"}}}}}}},
              "https://localhost/mgmt/tm/sys/hardware/system-info": {"nestedStats": {"entries": {
                "https://localhost/mgmt/tm/sys/hardware/system-info/0": {"nestedStats": {"entries": {
                  "bigipChassisSerialNum": {"description": "f5-jcxw-lbnk"}, "platform": {"description": "C119"},
                  "product": {"description": "BIG-IP"}}}}}}}}}
            """;
    static final String VERSION = """
            {"kind": "tm:sys:version:versionstats", "selfLink": "https://localhost/mgmt/tm/sys/version?ver=15.1.8",
             "entries": {"https://localhost/mgmt/tm/sys/version/0": {"nestedStats": {"entries": {
               "Build": {"description": "0.0.7"}, "Date": {"description": "Thu Nov 17 2022"}, "Edition": {"description": "Final"},
               "Product": {"description": "BIG-IP"}, "Title": {"description": "Main Package"}, "Version": {"description": "15.1.8"}}}}}}
            """;
    static final String SETTINGS = """
            {"kind": "tm:sys:global-settings:global-settingsstate", "selfLink": "https://localhost/mgmt/tm/sys/global-settings?ver=15.1.8",
             "consoleInactivityTimeout": 0, "guiSetup": "disabled", "hostname": "lb1.fra1.example.net", "mgmtDhcp": "disabled"}
            """;

    @Override
    Class<? extends NetcronJob> job()
    {
        return RefreshHwinfoF5.class;
    }

    @Override
    String platform()
    {
        return "bigip";
    }

    @Override
    Credential credential()
    {
        return Credential.login("hwinfo-f5", "netcron", "f5-pass-123");
    }

    @Override
    void answer(Mode mode, HttpExchange exchange, FakeHttpServer.Request request)
            throws IOException
    {
        String path = request.pathAndQuery();
        if (path.equals("/mgmt/shared/authn/login") && request.method().equals("POST")) {
            FakeHttpServer.json(exchange, 200, "{\"username\": \"netcron\", \"loginProviderName\": \"tmos\", \"token\": {\"token\": \"" + TOKEN
                    + "\", \"name\": \"" + TOKEN + "\", \"userName\": \"netcron\", \"timeout\": 1200}}");
            return;
        }
        if (path.startsWith("/mgmt/shared/authz/tokens/") && request.method().equals("DELETE")) {
            FakeHttpServer.json(exchange, 200, "{}");
            return;
        }
        boolean authorized = TOKEN.equals(request.header("X-F5-Auth-Token")) || String.valueOf(request.header("Authorization")).startsWith("Basic ");
        if (!authorized) {
            FakeHttpServer.json(exchange, 401, "{\"code\": 401, \"message\": \"Authorization failed\"}");
            return;
        }
        String body = switch (path) {
            case "/mgmt/tm/sys/hardware" -> mode == Mode.GOOD ? HARDWARE : "{\"kind\": \"tm:sys:hardware:hardwarestats\", \"entries\": {}}";
            case "/mgmt/tm/sys/version" -> VERSION;
            case "/mgmt/tm/sys/global-settings" -> SETTINGS;
            default -> null;
        };
        FakeHttpServer.json(exchange, body == null ? 404 : 200, body == null ? "{\"code\": 404}" : body);
    }

    @Override
    String model()
    {
        return "BIG-IP i5800";
    }

    @Override
    String serial()
    {
        return "f5-jcxw-lbnk";
    }

    @Override
    String version()
    {
        return "15.1.8";
    }

    @Test
    void logsInForATokenUsesItAndDeletesItAfterwards()
    {
        addGoodDevice("");

        run(Map.of());

        var requests = vendors.get(Mode.GOOD).requests();
        assertThat(requests.getFirst().pathAndQuery()).isEqualTo("/mgmt/shared/authn/login");
        assertThat(requests.getFirst().body()).contains("\"loginProviderName\":\"tmos\"");
        assertThat(requests.get(1).header("X-F5-Auth-Token")).isEqualTo(TOKEN);
        assertThat(requests.getLast().method()).isEqualTo("DELETE");
        assertThat(requests.getLast().pathAndQuery()).isEqualTo("/mgmt/shared/authz/tokens/" + TOKEN);
    }

    @Test
    void basicAuthWhenTheDeviceContextAsksForIt()
    {
        netbox.addDevice(1, "good", platform(), model(), "", Map.of("port", vendors.get(Mode.GOOD).uri("/").getPort(), "tls", Map.of("pin", pin()), "auth", "basic"));

        assertThat(counts(run(Map.of()))).containsExactlyEntriesOf(Map.of("changed", 1L));
        assertThat(vendors.get(Mode.GOOD).requests()).extracting(FakeHttpServer.Request::pathAndQuery).doesNotContain("/mgmt/shared/authn/login");
    }
}
