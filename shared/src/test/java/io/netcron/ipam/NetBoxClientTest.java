package io.netcron.ipam;

import com.fasterxml.jackson.databind.JsonNode;
import io.netcron.credentials.Credential;
import io.netcron.credentials.Credentials;
import io.netcron.http.HttpClientSettings;
import io.netcron.http.Json;
import io.netcron.http.SharedHttpClient;
import io.netcron.job.Deadline;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;
import io.netcron.testing.FakeHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.netcron.ipam.NetBoxPayloads.device;
import static io.netcron.ipam.NetBoxPayloads.page;
import static io.netcron.testing.FakeHttpServer.json;
import static io.netcron.testing.FakeHttpServer.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetBoxClientTest
{
    private static final String TOKEN = "0123456789abcdef0123456789abcdef01234567";

    private final SharedHttpClient http = new SharedHttpClient(HttpClientSettings.defaults());
    private final List<Duration> sleeps = new ArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private FakeHttpServer netbox;
    private String base;

    @BeforeEach
    void start()
            throws IOException
    {
        netbox = FakeHttpServer.http();
        base = netbox.uri("").toString();
        netbox
                .on("/api/dcim/devices/", (exchange, request) -> {
                    String path = request.pathAndQuery();
                    if (!("Token " + TOKEN).equals(request.header("Authorization")) && !("Bearer nbt_4F9DAouzURLb." + TOKEN).equals(request.header("Authorization"))) {
                        json(exchange, 401, "{\"detail\": \"Invalid token\"}");
                    }
                    else if (path.startsWith("/api/dcim/devices/?") && path.contains("offset=2")) {
                        json(exchange, 200, page(3, null, device(base, 3, "leaf-3", "eos", "JPE3")));
                    }
                    else if (path.startsWith("/api/dcim/devices/?")) {
                        // NetBox's next links are absolute; behind a TLS-terminating proxy they can even name another scheme
                        json(exchange, 200, page(3, "http://netbox.internal:8000/api/dcim/devices/?exclude=config_context&limit=2&offset=2&platform=eos",
                                device(base, 1, "leaf-1", "eos", "JPE1"), device(base, 2, "leaf-2", "eos", "JPE2")));
                    }
                    else if (path.equals("/api/dcim/devices/12/") && request.method().equals("GET")) {
                        json(exchange, 200, NetBoxPayloads.deviceWithContext(base, 12, "core-1"));
                    }
                    else if (path.equals("/api/dcim/devices/12/") && request.method().equals("PATCH")) {
                        json(exchange, 200, device(base, 12, "core-1", "eos", "NEW-SERIAL"));
                    }
                    else if (path.equals("/api/dcim/devices/14/")) {
                        json(exchange, 403, "{\"detail\": \"You do not have permission to perform this action.\"}");
                    }
                    else if (path.equals("/api/dcim/devices/13/")) {
                        json(exchange, 400, "{\"serial\": [\"Ensure this field has no more than 50 characters.\"]}");
                    }
                    else if (path.equals("/api/dcim/devices/") && request.method().equals("PATCH")) {
                        json(exchange, 200, "[" + device(base, 1, "leaf-1", "eos", "A") + "," + device(base, 2, "leaf-2", "eos", "B") + "]");
                    }
                    else {
                        json(exchange, 404, "{\"detail\": \"No Device matches the given query.\"}");
                    }
                })
                .on("/api/dcim/platforms/", (exchange, request) -> {
                    if (calls.incrementAndGet() == 1) {
                        respond(exchange, 429, Map.of("Retry-After", "7", "Content-Type", "application/json"), "{\"detail\": \"Request was throttled.\"}");
                    }
                    else {
                        json(exchange, 200, page(1, null, "{\"id\": 3, \"url\": \"" + base + "/api/dcim/platforms/3/\", \"display\": \"EOS\", \"name\": \"EOS\", \"slug\": \"eos\"}"));
                    }
                })
                .on("/api/dcim/device-types/", (exchange, request) -> {
                    if (calls.incrementAndGet() == 1) {
                        respond(exchange, 500, Map.of("Content-Type", "text/html"), "<h1>Server Error (500)</h1>");
                    }
                    else {
                        json(exchange, 200, page(1, null, "{\"id\": 7, \"manufacturer\": {\"id\": 2, \"name\": \"Arista\", \"slug\": \"arista\"}, \"model\": \"DCS-7050SX3-48YC8\", \"slug\": \"dcs-7050sx3-48yc8\"}"));
                    }
                })
                .on("/api/ipam/prefixes/", (exchange, request) -> json(exchange, 200, "{\"count\": 1, \"next\": null, \"results\": [{\"id\": 1,"))
                .on("/api/ipam/ip-addresses/", (exchange, request) -> {
                    if (request.method().equals("POST")) {
                        json(exchange, 201, "[{\"id\": 501, \"address\": \"192.0.2.10/24\", \"status\": {\"value\": \"active\", \"label\": \"Active\"}},"
                                + " {\"id\": 502, \"address\": \"192.0.2.11/24\", \"status\": {\"value\": \"active\", \"label\": \"Active\"}}]");
                    }
                    else {
                        netbox.hang();
                    }
                })
                .on("/api/dcim/interfaces/", (exchange, request) -> json(exchange, 200, page(1, null, """
                        {"id": 31, "url": "%s/api/dcim/interfaces/31/", "display": "Ethernet1",
                         "device": {"id": 1, "url": "%s/api/dcim/devices/1/", "display": "leaf-1", "name": "leaf-1", "description": ""},
                         "name": "Ethernet1", "label": "", "type": {"value": "25gbase-x-sfp28", "label": "SFP28 (25GE)"}, "enabled": true,
                         "mtu": 9214, "primary_mac_address": {"id": 8, "display": "00:1C:73:00:00:01", "mac_address": "00:1C:73:00:00:01"},
                         "description": "uplink", "custom_fields": {}}
                        """.formatted(base, base))))
                .on("/api/extras/custom-fields/", (exchange, request) -> respond(exchange, 503, Map.of(), "busy"))
                .start();
    }

    @AfterEach
    void stop()
            throws IOException
    {
        netbox.close();
        http.close();
    }

    private NetBoxClient client(String token, NetBoxSettings settings)
    {
        return new NetBoxClient(http, Credentials.of(Map.of("ipam", Credential.token("ipam", token))), settings, sleeps::add);
    }

    private NetBoxClient client()
    {
        return client(TOKEN, NetBoxSettings.of(netbox.uri("/")).withPageSize(2));
    }

    @Test
    void listsDevicesAcrossPagesWithFiltersOnTheConfiguredHost()
            throws Exception
    {
        List<Device> devices = client().devices(IpamFilter.all().platform("eos").site("fra1").tag("core"), Deadline.none());

        assertThat(devices).extracting(Device::name).containsExactly("leaf-1", "leaf-2", "leaf-3");
        assertThat(netbox.requests().getFirst().pathAndQuery())
                .isEqualTo("/api/dcim/devices/?limit=2&platform=eos&site=fra1&tag=core&exclude=config_context");
        assertThat(netbox.requests().get(1).pathAndQuery()).contains("offset=2");
    }

    @Test
    void readsTheDeviceFieldsJobsNeed()
            throws Exception
    {
        Device device = client().devices(IpamFilter.all(), Deadline.none()).getFirst();

        assertThat(device.id()).isEqualTo(1);
        assertThat(device.platform()).contains("eos");
        assertThat(device.role()).contains("leaf");
        assertThat(device.site()).contains("fra1");
        assertThat(device.status()).isEqualTo("active");
        assertThat(device.primaryIp4()).contains("192.0.2.1/24");
        assertThat(device.primaryAddress()).contains("192.0.2.1");
        assertThat(device.primaryIp6()).isEmpty();
        assertThat(device.serial()).isEqualTo("JPE1");
        assertThat(device.deviceType()).contains("DCS-7050SX3-48YC8");
        assertThat(device.customFields()).containsEntry("os_version", "4.30.1F").containsEntry("hw_refreshed", null);
        assertThat(device.configContext()).isEmpty();
    }

    @Test
    void deviceDetailCarriesItsConfigContext()
            throws Exception
    {
        Device device = client().device(12, Deadline.none());
        assertThat(device.configContext()).containsKey("ntp");
    }

    @Test
    void v2TokensGoAsBearer()
            throws Exception
    {
        client("nbt_4F9DAouzURLb." + TOKEN, NetBoxSettings.of(netbox.uri("/api"))).device(12, Deadline.none());
        assertThat(netbox.requests().getFirst().header("Authorization")).isEqualTo("Bearer nbt_4F9DAouzURLb." + TOKEN);
    }

    @Test
    void legacyTokensGoAsToken()
            throws Exception
    {
        client().device(12, Deadline.none());
        assertThat(netbox.requests().getFirst().header("Authorization")).isEqualTo("Token " + TOKEN);
    }

    @Test
    void patchCarriesOnlyChangedFields()
            throws Exception
    {
        NetBoxClient client = client();
        Device device = client.device(12, Deadline.none());

        Map<String, Object> written = client.updateDevice(device, Map.of(
                "serial", "NEW-SERIAL",
                "status", "active",
                "custom_fields", Map.of("os_version", "4.30.1F", "hw_refreshed", "2026-11-30")), Deadline.none());

        assertThat(written).containsOnlyKeys("serial", "custom_fields");
        FakeHttpServer.Request patch = netbox.requests().getLast();
        assertThat(patch.method()).isEqualTo("PATCH");
        assertThat(Json.MAPPER.readTree(patch.body())).isEqualTo(Json.MAPPER.readTree("{\"serial\": \"NEW-SERIAL\", \"custom_fields\": {\"hw_refreshed\": \"2026-11-30\"}}"));
    }

    @Test
    void nothingIsSentWhenNothingChanged()
            throws Exception
    {
        NetBoxClient client = client();
        Device device = client.device(12, Deadline.none());

        assertThat(client.updateDevice(device, Map.of("serial", "JPE123", "custom_fields", Map.of("os_version", "4.30.1F")), Deadline.none())).isEmpty();
        assertThat(netbox.requests()).hasSize(1);
    }

    @Test
    void bulkUpdateIsOneListBodyOnTheCollection()
            throws Exception
    {
        client().updateAll(IpamObject.DEVICES, List.of(Map.of("id", 1, "serial", "A"), Map.of("id", 2, "serial", "B")), Deadline.none());

        FakeHttpServer.Request patch = netbox.requests().getLast();
        assertThat(patch.method() + " " + patch.pathAndQuery()).isEqualTo("PATCH /api/dcim/devices/");
        JsonNode body = Json.MAPPER.readTree(patch.body());
        assertThat(body.isArray()).isTrue();
        assertThat(body).hasSize(2);
    }

    @Test
    void bulkCreateIsOneListBodyAndAnswersTheCreatedObjects()
            throws Exception
    {
        List<JsonNode> created = client().createAll(IpamObject.IP_ADDRESSES,
                List.of(Map.of("address", "192.0.2.10/24", "status", "active"), Map.of("address", "192.0.2.11/24", "status", "active")), Deadline.none());

        assertThat(created).extracting(node -> node.path("id").asLong()).containsExactly(501L, 502L);
        FakeHttpServer.Request post = netbox.requests().getLast();
        assertThat(post.method() + " " + post.pathAndQuery()).isEqualTo("POST /api/ipam/ip-addresses/");
        assertThat(Json.MAPPER.readTree(post.body())).hasSize(2);
    }

    @Test
    void readsInterfacesOfADevice()
            throws Exception
    {
        List<Interface> interfaces = client().interfaces(IpamFilter.all().device("leaf-1"), Deadline.none());

        assertThat(interfaces).containsExactly(new Interface(31, 1, "leaf-1", "Ethernet1", "25gbase-x-sfp28", true, java.util.Optional.of(9214),
                java.util.Optional.of("00:1C:73:00:00:01"), "uplink", Map.of()));
        assertThat(netbox.requests().getFirst().pathAndQuery()).isEqualTo("/api/dcim/interfaces/?limit=2&device=leaf-1");
    }

    @Test
    void badRequestShowsNetBoxFieldErrors()
    {
        assertThatThrownBy(() -> client().update(IpamObject.DEVICES, 13, Map.of(), Map.of("serial", "x".repeat(60)), Deadline.none()))
                .isInstanceOfSatisfying(TargetException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.FAILED))
                .hasMessageContaining("NetBox rejected PATCH /api/dcim/devices/13/")
                .hasMessageContaining("{\"serial\":[\"Ensure this field has no more than 50 characters.\"]}");
    }

    @Test
    void refusedTokenIsAuthFailedAndNeverShown()
    {
        String wrong = "ffffffffffffffffffffffffffffffffffffffff";
        assertThatThrownBy(() -> client(wrong, NetBoxSettings.of(netbox.uri("/"))).devices(IpamFilter.all(), Deadline.none()))
                .isInstanceOfSatisfying(TargetException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.AUTH_FAILED))
                .hasMessageContaining("refused the token of credential 'ipam' (401 Invalid token)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong));
    }

    @Test
    void permissionDeniedIsAuthFailed()
    {
        assertThatThrownBy(() -> client().update(IpamObject.DEVICES, 14, Map.of(), Map.of("serial", "A"), Deadline.none()))
                .isInstanceOfSatisfying(TargetException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.AUTH_FAILED))
                .hasMessageContaining("permission denied for PATCH /api/dcim/devices/14/ (403 You do not have permission");
    }

    @Test
    void missingObjectIsNamed()
    {
        assertThatThrownBy(() -> client().device(99, Deadline.none()))
                .isInstanceOf(TargetException.class)
                .hasMessageContaining("NetBox has no device 99 (404");
    }

    @Test
    void throttledRequestIsRetriedAfterRetryAfter()
            throws Exception
    {
        assertThat(client().platforms(Deadline.none())).extracting(Platform::slug).containsExactly("eos");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void serverErrorIsRetriedWithBackoff()
            throws Exception
    {
        assertThat(client().deviceTypes(Deadline.none())).extracting(DeviceType::model).containsExactly("DCS-7050SX3-48YC8");
        assertThat(sleeps).containsExactly(NetBoxSettings.DEFAULT_RETRY_DELAY);
    }

    @Test
    void retriesAreBounded()
    {
        assertThatThrownBy(() -> client().customFields(Deadline.none()))
                .isInstanceOfSatisfying(TargetException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.FAILED))
                .hasMessageContaining("HTTP 503")
                .hasMessageContaining("after 4 attempts");
        assertThat(sleeps).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void malformedJsonIsParseError()
    {
        assertThatThrownBy(() -> client().prefixes(IpamFilter.all(), Deadline.none()))
                .isInstanceOfSatisfying(TargetException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.PARSE_ERROR));
    }

    @Test
    void slowAnswerTimesOut()
    {
        NetBoxClient client = client(TOKEN, NetBoxSettings.of(netbox.uri("/")).withTimeout(Duration.ofMillis(300)));
        assertThatThrownBy(() -> client.ipAddresses(IpamFilter.all().device("leaf-1"), Deadline.none()))
                .isInstanceOfSatisfying(TargetException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.TIMEOUT));
    }

    @Test
    void unknownCredentialIsAuthFailedNamingIt()
    {
        NetBoxClient client = new NetBoxClient(http, Credentials.of(Map.of()), NetBoxSettings.of(netbox.uri("/")));
        assertThatThrownBy(() -> client.platforms(Deadline.none()))
                .isInstanceOfSatisfying(TargetException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.AUTH_FAILED))
                .hasMessageContaining("unknown credential 'ipam'");
    }

    @Test
    void unconfiguredIpamFailsEachCallWithTheReason()
    {
        Ipam ipam = Ipam.unconfigured("ipam.url is not set (NETCRON_IPAM_URL)");
        assertThatThrownBy(() -> ipam.devices(IpamFilter.all(), Deadline.none()))
                .isInstanceOf(TargetException.class)
                .hasMessage("ipam.url is not set (NETCRON_IPAM_URL)");
    }
}
