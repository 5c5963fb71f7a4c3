package io.netcron.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netcron.ipam.FakeNetBox;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.CloseAfterAll;
import io.netcron.server.testing.Cluster;
import io.netcron.server.testing.DnsResponder;
import io.netcron.server.testing.HardwarePeers;
import io.netcron.server.testing.MultiJvm;
import io.netcron.server.testing.NodeProcess;
import io.netcron.server.testing.Runs;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import io.netcron.ssh.FakeDevice;
import io.netcron.testing.FakeHttpServer;
import io.netcron.testing.SelfSignedCertificate;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12 end to end: the network jobs under one three-node cluster, each run requested through
 * {@code netcron.job_request} and run exactly once, against faithful peers on loopback (a NetBox
 * fake, eAPI and iLO Redfish over HTTPS, a DNS responder, a listening socket).
 */
@MultiJvm
class NetworkJobsClusterTest
{
    private static final String ILO_USER = "monitor";
    private static final String ILO_PASSWORD = "s3cret-pw";
    private static final AtomicInteger REQUESTS = new AtomicInteger();

    @ClassDatabase
    private static TestDatabase database;
    private static Path directory;
    private static Path reports;
    private static SelfSignedCertificate certificate;
    @CloseAfterAll
    private static FakeNetBox netbox;
    @CloseAfterAll
    private static DnsResponder dns;
    @CloseAfterAll
    private static FakeHttpServer ilo;
    @CloseAfterAll
    private static FakeHttpServer eapi;
    @CloseAfterAll
    private static ServerSocket listening;
    @CloseAfterAll
    private static FakeDevice nx1;
    @CloseAfterAll
    private static FakeHttpServer hec;
    @CloseAfterAll
    private static Cluster cluster;

    @BeforeAll
    static void startClusterAndPeers()
            throws Exception
    {
        directory = Files.createTempDirectory("network-jobs-cluster");
        reports = Files.createDirectories(directory.resolve("reports"));
        certificate = SelfSignedCertificate.create(directory); // valid for two days: a console certificate about to expire
        netbox = new FakeNetBox();
        netbox.add("ipam/prefixes", prefix("127.0.0.0/29", "discover"));
        netbox.add("ipam/prefixes", prefix("192.0.2.0/29", null));
        netbox.add("ipam/prefixes", prefix("127.1.0.0/16", "discover")); // more host bits than max_prefix_length allows
        netbox.add("ipam/ip-addresses", address("192.0.2.1/29"));
        netbox.add("ipam/ip-addresses", address("192.0.2.2/29"));
        netbox.addDevice(1, "leaf1", "eos", "DCS-7050SX3-48YC8", "JPE20123456", "4.30.1F", null);
        netbox.addDevice(2, "leaf2", "eos", "DCS-7050SX3-48YC8", "", "4.30.1F", null);
        dns = new DnsResponder(Map.of("ok.example.", "192.0.2.10", "www.example.", "192.0.2.11"));
        ilo = HardwarePeers.iloHealth(certificate.serverContext(), ILO_USER, ILO_PASSWORD);
        eapi = HardwarePeers.eapiInterfaces(certificate.serverContext(), """
                {"Vlan10": {"name": "Vlan10", "interfaceStatus": "connected", "lineProtocolStatus": "up", "mtu": 1500,
                   "description": "users", "vrf": "default",
                   "interfaceAddress": {"primaryIp": {"address": "10.0.10.1", "maskLen": 24}, "secondaryIpsOrderedList": []}},
                 "Vlan20": {"name": "Vlan20", "interfaceStatus": "connected", "lineProtocolStatus": "up", "mtu": 1500,
                   "description": "servers", "vrf": "default",
                   "interfaceAddress": {"primaryIp": {"address": "10.0.20.1", "maskLen": 25}, "secondaryIpsOrderedList": []}},
                 "Ethernet1": {"name": "Ethernet1", "interfaceStatus": "connected", "vrf": "default",
                   "interfaceAddress": {"primaryIp": {"address": "0.0.0.0", "maskLen": 0}, "secondaryIpsOrderedList": []}}}
                """);
        nx1 = FakeDevice.builder().hostname("nx1").login("netcron", "device-pass-123").privileged().start().answer("show running-config", () -> """

                !Command: show running-config
                !Running configuration last done at: %s
                !Time: %s

                version 9.3(8) Bios:version 05.45
                hostname nx1
                feature bgp
                interface Ethernet1/1
                  description uplink
                  no shutdown
                """.formatted(Instant.now(), Instant.now()));
        hec = FakeHttpServer.http().on("/services/collector/event", (exchange, request) ->
                FakeHttpServer.json(exchange, 200, "{\"text\": \"Success\", \"code\": 0}")).start();
        listening = new ServerSocket();
        listening.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));

        Map<String, String> environment = new HashMap<>();
        environment.put("NETCRON_IPAM_URL", netbox.uri().toString());
        environment.put("NETCRON_CREDENTIAL_IPAM_TOKEN", "netbox-token-0123456789");
        environment.put("NETCRON_CREDENTIAL_ILO_USERNAME", ILO_USER);
        environment.put("NETCRON_CREDENTIAL_ILO_PASSWORD", ILO_PASSWORD);
        environment.put("NETCRON_CREDENTIAL_NETWORK_USERNAME", "netcron");
        environment.put("NETCRON_CREDENTIAL_NETWORK_PASSWORD", "eapi-pass-123");
        environment.put("NETCRON_CREDENTIAL_DEVICES_USERNAME", "netcron");
        environment.put("NETCRON_CREDENTIAL_DEVICES_PASSWORD", "device-pass-123");
        environment.put("NETCRON_REPORTS_DIR", reports.toString());
        environment.put("NETCRON_SPLUNK_URL", hec.uri("/").toString());
        environment.put("NETCRON_CREDENTIAL_SPLUNK_TOKEN", "hec-token-1234");
        cluster = new Cluster(database, environment);
        NodeProcess first = cluster.start("node-1");
        NodeProcess second = cluster.start("node-2");
        NodeProcess third = cluster.start("node-3");
        cluster.awaitActive(Duration.ofSeconds(90), first, second, third);
        // paused, so their own schedules (the DNS monitor fires every minute, discovery at hh:15) cannot add runs or writes;
        // the requests below run them with force = true
        List<String> jobs = List.of("ipam-report", "dns-availability-monitor", "console-health-monitor", "address-discovery", "svi-import", "config-backup");
        await("the network jobs registered").atMost(Duration.ofSeconds(30)).until(() ->
                Sql.count(database, "SELECT count(*) FROM netcron.job WHERE name = ANY(string_to_array(?, ','))", String.join(",", jobs)) == jobs.size());
        Sql.execute(database, "UPDATE netcron.job SET enabled = false WHERE name = ANY(string_to_array(?, ','))", String.join(",", jobs));
    }

    @Test
    void ipamReportWritesItsFilesIntoTheReportsDirectory()
            throws Exception
    {
        JsonNode result = runOnce("ipam-report", "{\"splunk\": false}");

        assertThat(result.path("prefixes").asInt()).as(result.toString()).isEqualTo(3);
        assertThat(result.path("devices_missing").asInt()).isEqualTo(1);
        List<Path> files = new ArrayList<>();
        result.path("files").forEach(file -> files.add(Path.of(file.asText())));
        assertThat(files).isNotEmpty().allSatisfy(file -> assertThat(file).exists().startsWith(reports));
        try (Stream<Path> written = Files.list(reports)) {
            assertThat(written.map(path -> path.getFileName().toString()).toList()).anyMatch(name -> name.startsWith("ipam-report-prefixes-") && name.endsWith(".csv"));
        }
        Path devices = files.stream().filter(file -> file.getFileName().toString().startsWith("ipam-report-devices-") && file.toString().endsWith(".csv"))
                .findFirst().orElseThrow();
        assertThat(Files.readAllLines(devices)).hasSize(2).last().asString().startsWith("leaf2,");
    }

    @Test
    void dnsMonitorReportsOkAndServfailPerTargetAndSucceedsUnderTheFailureShare()
            throws Exception
    {
        JsonNode result = runOnce("dns-availability-monitor", """
                {"servers": ["%s"], "names": ["ok.example", "www.example", "servfail.example"], "types": ["A"],
                 "expected": {"ok.example": ["192.0.2.10"]}, "max_failure_share": 0.5}
                """.formatted(dns.address()));

        assertThat(result.path("targets").asInt()).as(result.toString()).isEqualTo(3);
        assertThat(FakeNetBox.JSON.convertValue(result.path("by_status"), Map.class)).isEqualTo(Map.of("ok", 2, "servfail", 1));
        assertThat(dns.queries()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void consoleMonitorWarnsOfACertificateAboutToExpireAndSendsItsEventToSplunk()
            throws Exception
    {
        String console = "127.0.0.1:" + ilo.uri("/").getPort();
        JsonNode result = runOnce("console-health-monitor", """
                {"hosts": ["%s"], "tls_pins": {"%s": "%s"}, "credential": "ilo", "splunk": true}
                """.formatted(console, console, certificate.opensslFingerprint()));

        JsonNode row = result.path("consoles").path(0);
        assertThat(row.path("status").asText()).as(result.toString()).isEqualTo("warning");
        assertThat(row.path("health").asText()).isEqualTo("OK");
        assertThat(row.path("certificate_days_left").asLong()).isBetween(0L, 2L);
        assertThat(row.path("warnings").toString()).contains("certificate expires in");
        assertThat(result.path("splunk_events").asInt()).isEqualTo(1);
        assertThat(hec.requests()).filteredOn(request -> request.body().contains(console)).singleElement().satisfies(request -> {
            assertThat(request.header("Authorization")).isEqualTo("Splunk hec-token-1234");
            assertThat(request.body()).contains("\"status\":\"warning\"");
        });
    }

    @Test
    void addressDiscoveryRecordsTheListeningAddressSkipsATooLargePrefixAndASecondRunTheSameDayChangesNothing()
            throws Exception
    {
        String params = """
                {"prefix_tags": ["discover"], "method": "tcp", "tcp_ports": [%d], "refused_is_up": false}
                """.formatted(listening.getLocalPort());

        JsonNode first = runOnce("address-discovery", params);

        assertThat(first.path("hosts_up").asLong()).as(first.toString()).isEqualTo(1);
        assertThat(first.path("addresses_created").asLong()).isEqualTo(1);
        assertThat(first.path("counts").path("changed").asLong()).isEqualTo(1);
        assertThat(first.path("counts").path("skipped").asLong()).as("the /16 prefix, skipped and never swept").isEqualTo(1);
        assertThat(netbox.created("ipam/ip-addresses")).noneMatch(address -> address.body().path("address").asText().startsWith("127.1."));
        List<FakeNetBox.Created> created = netbox.created("ipam/ip-addresses").stream()
                .filter(address -> address.body().path("address").asText().startsWith("127.")).toList();
        assertThat(created).singleElement().satisfies(address -> {
            assertThat(address.body().path("address").asText()).isEqualTo("127.0.0.1/29");
            assertThat(address.body().path("custom_fields").path("last_seen").asText()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        });
        int writes = netbox.created("ipam/ip-addresses").size() + netbox.patches("ipam/ip-addresses").size();

        JsonNode second = runOnce("address-discovery", params);

        assertThat(second.path("addresses_created").asLong()).as(second.toString()).isZero();
        assertThat(second.path("addresses_updated").asLong()).isZero();
        assertThat(netbox.created("ipam/ip-addresses").size() + netbox.patches("ipam/ip-addresses").size()).isEqualTo(writes);
    }

    @Test
    void sviImportCreatesTheInterfacesAndAddressesThenASecondRunChangesNothing()
            throws Exception
    {
        String params = """
                {"devices": [{"name": "leaf1", "host": "127.0.0.1", "platform": "eos"}],
                 "eapi_port": %d, "eapi_tls_pin": "%s"}
                """.formatted(eapi.uri("/").getPort(), certificate.opensslFingerprint());

        JsonNode first = runOnce("svi-import", params);

        assertThat(first.path("interfaces_created").asLong()).as(first.toString()).isEqualTo(2);
        assertThat(first.path("addresses_created").asLong()).isEqualTo(2);
        assertThat(netbox.objects("dcim/interfaces")).extracting(node -> node.path("name").asText()).containsExactlyInAnyOrder("Vlan10", "Vlan20");
        assertThat(netbox.objects("ipam/ip-addresses")).extracting(node -> node.path("address").asText()).contains("10.0.10.1/24", "10.0.20.1/25");
        int writes = netbox.created("dcim/interfaces").size() + netbox.created("ipam/ip-addresses").size()
                + netbox.patches("dcim/interfaces").size() + netbox.patches("ipam/ip-addresses").size();

        JsonNode second = runOnce("svi-import", params);

        assertThat(second.path("interfaces_created").asLong()).as(second.toString()).isZero();
        assertThat(second.path("interfaces_updated").asLong()).isZero();
        assertThat(second.path("addresses_created").asLong()).isZero();
        assertThat(second.path("addresses_updated").asLong()).isZero();
        assertThat(netbox.created("dcim/interfaces").size() + netbox.created("ipam/ip-addresses").size()
                + netbox.patches("dcim/interfaces").size() + netbox.patches("ipam/ip-addresses").size()).isEqualTo(writes);
    }

    @Test
    void configBackupCommitsTheConfigurationOnceAndASecondRunCommitsNothing()
            throws Exception
    {
        Path repository = directory.resolve("config-backup");
        String params = """
                {"devices": [{"name": "nx1", "host": "127.0.0.1", "port": %d, "platform": "nxos"}],
                 "credential": "devices", "repository": "%s"}
                """.formatted(nx1.port(), repository);

        JsonNode first = runOnce("config-backup", params);

        assertThat(first.path("commits").asLong()).as(first.toString()).isEqualTo(1);
        assertThat(Files.readString(repository.resolve("nx1.cfg"))).contains("hostname nx1").doesNotContain("!Time:");
        assertThat(commits(repository)).hasSize(1);
        assertThat(nx1.commands()).contains("show running-config");

        JsonNode second = runOnce("config-backup", params);

        assertThat(second.path("commits").asLong()).as(second.toString()).isZero();
        assertThat(commits(repository)).as("commits after a second run over an unchanged device").hasSize(1);
    }

    private static List<RevCommit> commits(Path repository)
            throws Exception
    {
        try (Git git = Git.open(repository.toFile())) {
            List<RevCommit> commits = new ArrayList<>();
            git.log().call().forEach(commits::add);
            return commits;
        }
    }

    /**
     * Requests one run of {@code job} and waits for it: exactly one run for the request, on one
     * node, succeeded; no other manual run of the job. Returns its result. {@code force}: the jobs are paused.
     */
    private static JsonNode runOnce(String job, String params)
            throws Exception
    {
        String requester = "e2e-" + REQUESTS.incrementAndGet();
        long manualBefore = Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE job_name = ? AND cause = 'manual'", job);
        Sql.execute(database, "INSERT INTO netcron.job_request (job_name, params, requested_by, force) VALUES (?, ?::jsonb, ?, true)", job, params, requester);
        await(job + " run finished").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> Sql.count(database, """
                SELECT count(*) FROM netcron.job_run r JOIN netcron.job_request q ON q.run_id = r.id
                WHERE q.requested_by = ? AND r.status <> 'running'""", requester) == 1);
        assertThat(Sql.value(database, "SELECT error FROM netcron.job_request WHERE requested_by = ?", requester)).isNull();
        List<Runs.Run> runs = Runs.where(database, "id = (SELECT run_id FROM netcron.job_request WHERE requested_by = ?)", requester);
        assertThat(runs).singleElement().satisfies(run ->
                assertThat(run.status()).as("%s on %s: %s\n%s", job, run.nodeId(), run.error(), run.output()).isEqualTo("succeeded"));
        assertThat(Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE job_name = ? AND cause = 'manual'", job))
                .as("manual runs of " + job + " after one request").isEqualTo(manualBefore + 1);
        return FakeNetBox.JSON.readTree(runs.getFirst().result());
    }

    private static ObjectNode prefix(String prefix, String tag)
    {
        ObjectNode node = FakeNetBox.JSON.createObjectNode();
        node.put("prefix", prefix);
        node.putObject("family").put("value", 4).put("label", "IPv4");
        node.putNull("vrf");
        node.putObject("status").put("value", "active").put("label", "Active");
        node.putNull("role");
        node.put("description", "");
        node.put("is_pool", false);
        node.put("mark_utilized", false);
        var tags = node.putArray("tags");
        if (tag != null) {
            tags.addObject().put("id", 1).put("name", tag).put("slug", tag);
        }
        node.putObject("custom_fields");
        return node;
    }

    private static ObjectNode address(String address)
    {
        ObjectNode node = FakeNetBox.JSON.createObjectNode();
        node.put("address", address);
        node.putObject("family").put("value", 4).put("label", "IPv4");
        node.putNull("vrf");
        node.putObject("status").put("value", "active").put("label", "Active");
        node.put("dns_name", "");
        node.put("description", "");
        node.putNull("assigned_object_type");
        node.putNull("assigned_object_id");
        node.putArray("tags");
        node.putObject("custom_fields").put("last_seen", LocalDate.now(ZoneOffset.UTC).toString());
        return node;
    }
}
