package io.netcron.jobs.hardware;

import io.netcron.credentials.Credential;
import io.netcron.credentials.Credentials;
import io.netcron.http.HttpClientSettings;
import io.netcron.http.SharedHttpClient;
import io.netcron.ipam.FakeNetBox;
import io.netcron.ipam.Ipam;
import io.netcron.job.testing.JobTester;
import io.netcron.job.testing.TestRun;
import io.netcron.ssh.InMemoryHostKeyStore;
import io.netcron.ssh.SshClient;
import io.netcron.ssh.SshSettings;
import io.netcron.metrics.InMemoryJobMetrics;
import io.netcron.metrics.JobMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SshRefreshTest
{
    final InMemoryJobMetrics metrics = new InMemoryJobMetrics();

    private CliDevices devices;
    private FakeNetBox netbox;
    private SharedHttpClient http;
    private final Map<String, Credential> logins = new HashMap<>();
    private Credentials credentials;

    @BeforeEach
    void start()
            throws Exception
    {
        devices = CliDevices.start();
        netbox = new FakeNetBox();
        http = new SharedHttpClient(HttpClientSettings.defaults());
        for (String user : CliDevices.PROFILES.keySet()) {
            logins.put("cli-" + user, Credential.login("cli-" + user, user, CliDevices.PASSWORD));
        }
        logins.put("cli-wrong", Credential.login("cli-wrong", "ios", "not-the-password"));
        logins.put("ipam", Credential.token("ipam", "netbox-token-0123456789"));
        credentials = Credentials.of(logins);
    }

    @AfterEach
    void stop()
            throws Exception
    {
        devices.close();
        netbox.close();
        http.close();
    }

    private Map<String, Object> login(String credential)
    {
        // the device the credential's user logs in to (cli-wrong tries ios's with a wrong password)
        return Map.of("port", devices.port(logins.get(credential).username()), "credential", credential);
    }

    private TestRun run(Map<String, Object> params)
    {
        SshClient ssh = new SshClient(SshSettings.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)), credentials, new InMemoryHostKeyStore());
        JobTester tester = JobTester.forJob(RefreshHwinfoSsh.class)
                .bind(SshClient.class, ssh)
                .bind(Ipam.class, netbox.client(http, credentials))
                .bind(JobMetrics.class, metrics)
                .param("per_device_timeout", "PT3S")
                .param("failure_share", 1.0);
        params.forEach(tester::param);
        return tester.run();
    }

    @Test
    void everySupportedCliIsParsedAndWrittenWhileFailuresGetTheirOwnOutcome()
            throws Exception
    {
        netbox.addDevice(1, "edge1", "ios", "C9300-48P", "", login("cli-ios"));
        netbox.addDevice(2, "spine1", "nxos", "Nexus9000 C93180YC-EX", "", login("cli-nxos"));
        netbox.addDevice(3, "leaf1", "eos", "DCS-7050SX3-48YC8", "", login("cli-eos"));
        netbox.addDevice(4, "sw1", "aoscx", "JL627A 8325-32C 32-port 100G QSFP+/QSFP28 BF 6 Fans 2 PS Bundle", "", login("cli-aoscx"));
        netbox.addDevice(5, "mx1", "junos", "mx204", "", login("cli-junos"));
        netbox.addDevice(6, "odd1", "ios", "C9300-48P", "", login("cli-garbled"));
        netbox.addDevice(7, "slow1", "ios", "C9300-48P", "", login("cli-slow"));
        netbox.addDevice(8, "locked1", "ios", "C9300-48P", "", login("cli-wrong"));
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        netbox.addDevice(9, "gone1", "ios", "C9300-48P", "", Map.of("port", closed, "credential", "cli-ios"));
        netbox.addDevice(10, "mikrotik1", "routeros", "CCR2004", "", login("cli-ios"));

        TestRun run = run(Map.of("platform", List.of("ios", "nxos", "eos", "aoscx", "junos", "routeros")));

        assertThat(PlatformContract.counts(run)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "changed", 5L, "parse_error", 1L, "timeout", 1L, "auth_failed", 1L, "unreachable", 1L, "unsupported", 1L));
        assertThat(serialWritten(1)).isEqualTo("FCW2139L0AB");
        assertThat(serialWritten(2)).isEqualTo("FDO21120U8N");
        assertThat(serialWritten(3)).isEqualTo("JPE20123456");
        assertThat(serialWritten(4)).isEqualTo("SG9ZKM3024");
        assertThat(serialWritten(5)).isEqualTo("BM0219AF0011");
        assertThat(netbox.patchesOf(1).getFirst().body().path("custom_fields").path("sw_version").asText()).isEqualTo("17.03.04a");
        assertThat(netbox.patchesOf(5).getFirst().body().path("custom_fields").path("sw_version").asText()).isEqualTo("21.4R3-S2.3");
        assertThat(run.resultOrThrow().values().get("model_mismatch_count")).isEqualTo(0L);
    }

    @Test
    void aSecondRunChangesNothing()
    {
        netbox.addDevice(1, "edge1", "ios", "C9300-48P", "", login("cli-ios"));
        run(Map.of());

        TestRun second = run(Map.of());

        assertThat(PlatformContract.counts(second)).containsExactlyEntriesOf(Map.of("unchanged", 1L));
        assertThat(netbox.patches()).hasSize(1);
    }

    private String serialWritten(long id)
    {
        return netbox.patchesOf(id).getFirst().body().path("serial").asText();
    }
}
