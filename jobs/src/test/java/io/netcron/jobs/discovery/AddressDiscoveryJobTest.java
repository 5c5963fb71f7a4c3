package io.netcron.jobs.discovery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netcron.dns.DnsClient;
import io.netcron.dns.LoopbackDnsServer;
import io.netcron.ipam.Ipam;
import io.netcron.job.InvalidParamsException;
import io.netcron.job.testing.JobTester;
import io.netcron.job.testing.TestRun;
import io.netcron.reach.ReachLimits;
import io.netcron.reach.Reachability;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Sweeps only 127.0.0.0/8: live hosts are sockets listening on 127.0.0.1 and 127.0.0.3; every other address refuses. */
class AddressDiscoveryJobTest
{
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private FakeNetBox netbox;
    private LoopbackDnsServer dns;
    private ServerSocket first;
    private ServerSocket third;
    private final Reachability reach = new Reachability(new ReachLimits(Duration.ofMillis(500), 500, 16, 16));
    private final DnsClient dnsClient = new DnsClient(Duration.ofSeconds(1));

    @BeforeEach
    void start()
            throws IOException
    {
        first = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        third = new ServerSocket();
        third.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.3"), first.getLocalPort()));
        dns = new LoopbackDnsServer().ptr("127.0.0.3", "host3.lab.example.");
        netbox = new FakeNetBox();
        netbox.addPrefix("127.0.0.0/29", "discover", null);
        netbox.addPrefix("127.2.0.0/29", null, "lab");
        netbox.addPrefix("127.1.0.0/16", "discover", null);
        netbox.addPrefix("127.9.0.0/29", null, null);
        netbox.addIpAddress("127.0.0.1/29", "deprecated", Map.of("last_seen", "2026-01-01"));
        netbox.addIpAddress("127.0.0.4/29", "active", Map.of("last_seen", "2026-01-01"));
        netbox.addIpAddress("127.0.0.6/29", "reserved", Map.of());
    }

    @AfterEach
    void stop()
            throws IOException
    {
        first.close();
        third.close();
        dns.close();
        netbox.close();
    }

    @Test
    void recordsLiveHostsUpdatesKnownOnesAndCreatesNewOnesWithTheirReverseName()
    {
        TestRun run = run(Map.of());

        assertThat(run.resultOrThrow().values()).containsEntry("hosts_up", 2L).containsEntry("addresses_created", 1L)
                .containsEntry("addresses_updated", 1L).containsEntry("addresses_marked_missing", 0L);
        ObjectNode known = netbox.ipAddress("127.0.0.1/29");
        assertThat(known.path("status").path("value").asText()).isEqualTo("active");
        assertThat(known.path("custom_fields").path("last_seen").asText()).isEqualTo("2026-11-30");
        ObjectNode created = netbox.ipAddress("127.0.0.3/29");
        assertThat(created.path("status").path("value").asText()).isEqualTo("dhcp");
        assertThat(created.path("dns_name").asText()).isEqualTo("host3.lab.example");
        assertThat(created.path("custom_fields").path("last_seen").asText()).isEqualTo("2026-11-30");
        assertThat(netbox.ipAddress("127.0.0.4/29").path("status").path("value").asText()).isEqualTo("active");
        assertThat(netbox.ipAddress("127.0.0.6/29").path("custom_fields").has("last_seen")).isFalse();
    }

    @Test
    void prefixesAreChosenByTagOrRoleAndATooLargeOneIsSkippedNotSwept()
    {
        TestRun run = run(Map.of());

        assertThat(run.fanOutCounts()).containsEntry("changed", 1L).containsEntry("unchanged", 1L).containsEntry("skipped", 1L);
        assertThat(run.resultOrThrow().values().get("targets")).isEqualTo(3);
        assertThat(prefixes(run)).extracting(summary -> summary.get("prefix")).containsExactly("127.0.0.0/29", "127.1.0.0/16", "127.2.0.0/29");
        assertThat(prefixes(run).get(1)).containsEntry("outcome", "skipped");
        assertThat(String.valueOf(prefixes(run).get(1).get("detail"))).contains("max_prefix_length 24");
        assertThat(netbox.objects("ipam/ip-addresses")).allMatch(ip -> ip.path("address").asText().startsWith("127.0.0."));
    }

    @Test
    void aSecondRunAtTheSameDayChangesNothing()
    {
        run(Map.of()).resultOrThrow();
        int writes = netbox.writes.size();

        TestRun second = run(Map.of());

        assertThat(second.resultOrThrow().values()).containsEntry("addresses_created", 0L).containsEntry("addresses_updated", 0L);
        assertThat(netbox.writes).hasSize(writes);
    }

    @Test
    void markMissingDeprecatesKnownActiveAddressesThatDidNotAnswerAndLeavesReservedOnesAlone()
    {
        TestRun run = run(Map.of("mark_missing", true));

        assertThat(run.resultOrThrow().values()).containsEntry("addresses_marked_missing", 1L);
        assertThat(netbox.ipAddress("127.0.0.4/29").path("status").path("value").asText()).isEqualTo("deprecated");
        assertThat(netbox.ipAddress("127.0.0.6/29").path("status").path("value").asText()).isEqualTo("reserved");
    }

    @Test
    void aDryRunWritesNothing()
    {
        TestRun run = run(Map.of("dry_run", true, "mark_missing", true));

        assertThat(run.resultOrThrow().values()).containsEntry("addresses_created", 1L).containsEntry("addresses_updated", 1L)
                .containsEntry("addresses_marked_missing", 1L);
        assertThat(netbox.writes).isEmpty();
    }

    @Test
    void aNetBoxValidationErrorIsThatPrefixsOutcome()
    {
        netbox.rejectIpAddresses(body -> body.path("address").asText().startsWith("127.0.0.3"));

        TestRun run = run(Map.of());

        assertThat(run.fanOutCounts()).containsEntry("failed", 1L).containsEntry("unchanged", 1L);
        assertThat(String.valueOf(run.fanOutFailures().getFirst().get("reason"))).contains("127.0.0.0/29").contains("Duplicate IP address");
        assertThat(netbox.ipAddress("127.0.0.1/29").path("status").path("value").asText()).isEqualTo("active");
    }

    @Test
    void withoutADnsServerNoNameIsRecorded()
    {
        TestRun run = run(Map.of("dns_server", ""));

        run.resultOrThrow();
        assertThat(netbox.ipAddress("127.0.0.3/29").path("dns_name").asText()).isEmpty();
    }

    @Test
    void icmpFindsEveryLoopbackHostOfThePrefix()
    {
        // without raw sockets the JDK falls back to TCP port 7, where loopback's refusal counts as an answer
        TestRun run = run(Map.of("method", "icmp", "tcp_ports", List.of(), "prefix_roles", List.of("none")));

        assertThat(run.resultOrThrow().values()).containsEntry("hosts_up", 6L).containsEntry("addresses_created", 3L).containsEntry("addresses_updated", 3L);
    }

    @Test
    void paramsWithoutTagOrRoleAreRefusedBeforeAnythingIsProbed()
    {
        TestRun run = run(Map.of("prefix_tags", List.of(), "prefix_roles", List.of()));

        assertThat(run.failure()).isInstanceOf(InvalidParamsException.class).hasMessageContaining("prefix_tags or prefix_roles");
    }

    private TestRun run(Map<String, Object> extra)
    {
        JobTester tester = JobTester.forJob(AddressDiscoveryJob.class)
                .bind(Ipam.class, netbox.client())
                .bind(Reachability.class, reach)
                .bind(DnsClient.class, dnsClient)
                .param("prefix_tags", List.of("discover"))
                .param("prefix_roles", List.of("lab"))
                .param("tcp_ports", List.of(first.getLocalPort()))
                .param("refused_is_up", false)
                .param("new_status", "dhcp")
                .param("dns_server", "127.0.0.1")
                .param("dns_port", dns.port())
                .param("max_failure_share", 1.0)
                .clock(NOW)
                .maxRuntime(Duration.ofSeconds(30));
        extra.forEach(tester::param);
        return tester.run();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> prefixes(TestRun run)
    {
        return (List<Map<String, Object>>) run.anyResult().orElseThrow().values().get("prefixes");
    }
}
