package io.netcron.jobs.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netcron.credentials.Credentials;
import io.netcron.http.HttpClientSettings;
import io.netcron.http.SharedHttpClient;
import io.netcron.ipam.Ipam;
import io.netcron.job.testing.JobTester;
import io.netcron.job.testing.TestRun;
import io.netcron.ssh.FakeDevice;
import io.netcron.ssh.SshClient;
import io.netcron.testing.FakeHttpServer;
import io.netcron.testing.LoopbackPorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class SviImportJobTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeNetBox netbox;
    private FakeDevice edge1;
    private FakeHttpServer eapi;
    private final List<JsonNode> eapiRequests = new CopyOnWriteArrayList<>();
    private final SshClient ssh = FakeDevice.client(FakeDevice.credentials("network"));
    private final SharedHttpClient http = new SharedHttpClient(HttpClientSettings.defaults());
    private long edge1Id;
    private long vlan10Id;

    @BeforeEach
    void start()
            throws IOException
    {
        netbox = new FakeNetBox();
        edge1Id = netbox.addDevice("edge1", "ios", "127.0.0.1/32");
        netbox.addDevice("leaf1", "eos", "127.0.0.1/32");
        netbox.addVrf("BLUE");
        vlan10Id = netbox.addInterface(edge1Id, "edge1", "Vlan10", "virtual");
        netbox.addIpAddress("10.0.10.1/32", "active", Map.of());
        edge1 = FakeDevice.ios("edge1").answer(InterfaceReader.IOS_COMMAND, CliInterfaceParserTest.IOS);
        String expected = "Basic " + Base64.getEncoder().encodeToString((FakeDevice.USER + ":" + FakeDevice.PASSWORD).getBytes(StandardCharsets.UTF_8));
        eapi = FakeHttpServer.http().on("/command-api", (exchange, request) -> {
            eapiRequests.add(JSON.readTree(request.body()));
            boolean authorized = expected.equals(request.header("Authorization"));
            FakeHttpServer.respond(exchange, authorized ? 200 : 401, Map.of(), authorized ? EapiInterfacesTest.SHOW_IP_INTERFACE : "Unauthorized");
        }).start();
    }

    @AfterEach
    void stop()
            throws IOException
    {
        eapi.close();
        edge1.close();
        netbox.close();
        http.close();
    }

    @Test
    void createsMissingInterfacesAndAddressesAssignedToThemInTheirVrf()
    {
        TestRun run = run(Map.of());

        assertThat(run.fanOutCounts()).containsEntry("changed", 2L);
        assertThat(run.resultOrThrow().values())
                .containsEntry("interfaces_created", 4L)     // edge1 Vlan20, Loopback0; leaf1 Vlan30, Vlan40 (Management1 excluded)
                .containsEntry("interfaces_updated", 1L)     // edge1 Vlan10 gets its description
                .containsEntry("addresses_created", 7L)
                .containsEntry("addresses_updated", 1L);     // 10.0.10.1/32 unassigned → /24 on Vlan10
        ObjectNode vlan20Address = netbox.ipAddress("10.0.20.1/25");
        assertThat(vlan20Address.path("vrf").path("name").asText()).isEqualTo("BLUE");
        assertThat(vlan20Address.path("assigned_object_type").asText()).isEqualTo("dcim.interface");
        ObjectNode vlan20 = netbox.objects("dcim/interfaces").stream().filter(node -> node.path("name").asText().equals("Vlan20")).findFirst().orElseThrow();
        assertThat(vlan20Address.path("assigned_object_id").asLong()).isEqualTo(vlan20.path("id").asLong());
        assertThat(vlan20.path("type").path("value").asText()).isEqualTo("virtual");
        assertThat(vlan20.path("enabled").asBoolean()).isFalse();
        ObjectNode vlan10Address = netbox.ipAddress("10.0.10.1/24");
        assertThat(vlan10Address.path("assigned_object_id").asLong()).isEqualTo(vlan10Id);
        assertThat(netbox.ipAddress("10.0.10.1/32")).isNull();
        assertThat(netbox.ipAddress("10.0.40.1/25").path("vrf").path("name").asText()).isEqualTo("BLUE");
        assertThat(eapiRequests).singleElement().satisfies(request -> {
            assertThat(request.path("method").asText()).isEqualTo("runCmds");
            assertThat(request.path("params").path("cmds").path(0).asText()).isEqualTo("show ip interface");
        });
    }

    @Test
    void anAddressAssignedToAnotherInterfaceIsLeftThereAndCounted()
    {
        long otherDevice = netbox.addDevice("edge9", "ios", null);
        long otherInterface = netbox.addInterface(otherDevice, "edge9", "Loopback0", "virtual");
        long anycast = netbox.addIpAddress("10.255.0.1/32", "active", Map.of());
        netbox.assign(anycast, otherInterface);

        TestRun run = run(Map.of());

        assertThat(run.resultOrThrow().values()).containsEntry("addresses_assigned_elsewhere", 1L).containsEntry("addresses_created", 6L);
        assertThat(netbox.ipAddress("10.255.0.1/32").path("assigned_object_id").asLong()).isEqualTo(otherInterface);
        assertThat(netbox.writes).noneMatch(write -> write.path().endsWith("/" + anycast + "/"));
    }

    @Test
    void devicesComeFromNetBoxByPlatformWhenNoneAreListed()
    {
        TestRun run = JobTester.forJob(SviImportJob.class)
                .bind(Ipam.class, netbox.client())
                .bind(SshClient.class, ssh)
                .bind(SharedHttpClient.class, http)
                .bind(Credentials.class, FakeDevice.credentials("network"))
                .param("platforms", List.of("ios"))
                .param("ssh_port", edge1.port())
                .run();

        assertThat(run.fanOutCounts()).containsEntry("changed", 1L);
        assertThat(run.resultOrThrow().values().get("targets")).isEqualTo(1);
        assertThat(eapiRequests).isEmpty();
        assertThat(netbox.ipAddress("10.255.0.1/32")).isNotNull();
    }

    @Test
    void aSecondRunWritesNothing()
    {
        run(Map.of()).resultOrThrow();
        int writes = netbox.writes.size();

        TestRun second = run(Map.of());

        assertThat(second.fanOutCounts()).containsEntry("unchanged", 2L);
        assertThat(second.resultOrThrow().values()).containsEntry("interfaces_created", 0L).containsEntry("addresses_created", 0L)
                .containsEntry("addresses_updated", 0L).containsEntry("interfaces_updated", 0L);
        assertThat(netbox.writes).hasSize(writes);
    }

    @Test
    void aDryRunWritesNothingAndCountsWhatIsDue()
    {
        TestRun run = run(Map.of("dry_run", true));

        assertThat(run.fanOutCounts()).containsEntry("skipped", 2L);
        assertThat(run.resultOrThrow().values()).containsEntry("dry_run", true).containsEntry("interfaces_created", 4L).containsEntry("addresses_created", 7L);
        assertThat(netbox.writes).isEmpty();
    }

    @Test
    void aNetBoxValidationErrorFailsThatDeviceOnlyAndTheOtherWritesGoOn()
    {
        netbox.rejectIpAddresses(body -> body.path("address").asText().startsWith("10.255.0.1"));

        TestRun run = run(Map.of());

        assertThat(run.fanOutCounts()).containsEntry("failed", 1L).containsEntry("changed", 1L);
        assertThat(run.fanOutFailures()).singleElement().satisfies(failure -> {
            assertThat(failure).containsEntry("target", "edge1");
            assertThat(String.valueOf(failure.get("reason"))).contains("NetBox refused 1 write(s)").contains("Duplicate IP address");
        });
        assertThat(netbox.ipAddress("10.0.20.1/25")).isNotNull();
        assertThat(run.anyResult().orElseThrow().values()).containsEntry("writes_refused", 1L);
    }

    @Test
    void anUnknownVrfIsNetBoxsRelatedObjectError()
    {
        edge1.answer(InterfaceReader.IOS_COMMAND, "interface Vlan50\n vrf forwarding RED\n ip address 10.0.50.1 255.255.255.0\n");

        TestRun run = run(Map.of());

        assertThat(run.fanOutFailures()).singleElement().satisfies(failure ->
                assertThat(String.valueOf(failure.get("reason"))).contains("edge1").contains("Related object not found"));
    }

    @Test
    void malformedOutputIsAParseErrorAndNothingIsWrittenForThatDevice()
    {
        edge1.answer(InterfaceReader.IOS_COMMAND, "garbage without any section\n");

        TestRun run = run(Map.of());

        assertThat(run.fanOutCounts()).containsEntry("parse_error", 1L).containsEntry("changed", 1L);
        assertThat(netbox.writes).noneMatch(write -> write.body() != null && write.body().path("device").asLong() == edge1Id);
    }

    @Test
    void unreachableDevicesAreCountedPerDevice()
            throws IOException
    {
        int closed = LoopbackPorts.closed();

        TestRun run = JobTester.forJob(SviImportJob.class)
                .bind(Ipam.class, netbox.client())
                .bind(SshClient.class, ssh)
                .bind(SharedHttpClient.class, http)
                .bind(Credentials.class, FakeDevice.credentials("network"))
                .param("devices", List.of(Map.of("name", "edge1", "host", "127.0.0.1", "port", closed, "platform", "ios"),
                        Map.of("name", "leaf1", "host", "127.0.0.1", "platform", "eos")))
                .param("eapi_scheme", "http")
                .param("eapi_port", closed)
                .param("max_failure_share", 1.0)
                .run();

        assertThat(run.fanOutCounts()).containsEntry("unreachable", 2L);
        assertThat(netbox.writes).isEmpty();
    }

    private TestRun run(Map<String, Object> extra)
    {
        JobTester tester = JobTester.forJob(SviImportJob.class)
                .bind(Ipam.class, netbox.client())
                .bind(SshClient.class, ssh)
                .bind(SharedHttpClient.class, http)
                .bind(Credentials.class, FakeDevice.credentials("network"))
                .param("devices", List.of(Map.of("name", "edge1", "host", "127.0.0.1", "port", edge1.port(), "platform", "ios"),
                        Map.of("name", "leaf1", "host", "127.0.0.1", "platform", "eos")))
                .param("eapi_scheme", "http")
                .param("eapi_port", eapi.port())
                .param("exclude_interfaces", List.of("^Management"))
                .param("max_failure_share", 1.0)
                .maxRuntime(Duration.ofSeconds(30));
        extra.forEach(tester::param);
        return tester.run();
    }
}
