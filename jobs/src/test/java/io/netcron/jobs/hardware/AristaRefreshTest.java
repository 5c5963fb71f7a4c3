package io.netcron.jobs.hardware;

import com.sun.net.httpserver.HttpExchange;
import io.netcron.credentials.Credential;
import io.netcron.ipam.FakeNetBox;
import io.netcron.job.NetcronJob;
import io.netcron.job.testing.TestRun;
import io.netcron.metrics.InMemoryJobMetrics;
import io.netcron.testing.FakeHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AristaRefreshTest
        extends PlatformContract
{
    /** eAPI's answer to runCmds [show version, show hostname] (EOS eAPI documentation). */
    static final String RUN_CMDS = """
            {"jsonrpc": "2.0", "id": "netcron-hwinfo", "result": [
              {"mfgName": "Arista", "modelName": "DCS-7050SX3-48YC8", "hardwareRevision": "12.05", "serialNumber": "JPE20123456",
               "systemMacAddress": "2c:dd:e9:aa:bb:cc", "hwMacAddress": "2c:dd:e9:aa:bb:cc", "configMacAddress": "00:00:00:00:00:00",
               "version": "4.30.1F", "architecture": "x86_64", "internalVersion": "4.30.1F-32315456.4301F", "internalBuildId": "b5e0d7b2",
               "imageFormatVersion": "3.0", "imageOptimization": "Strata-4GB", "bootupTimestamp": 1700000000.5, "uptime": 93784.2,
               "memTotal": 8098728, "memFree": 5727484, "isIntlVersion": false},
              {"hostname": "leaf1", "fqdn": "leaf1.fra1.example.net"}]}
            """;

    @Override
    Class<? extends NetcronJob> job()
    {
        return RefreshHwinfoArista.class;
    }

    @Override
    String platform()
    {
        return "eos";
    }

    @Override
    Credential credential()
    {
        return Credential.login("hwinfo-arista", "netcron", "eapi-pass-123");
    }

    @Override
    void answer(Mode mode, HttpExchange exchange, FakeHttpServer.Request request)
            throws IOException
    {
        if (!request.method().equals("POST") || !request.pathAndQuery().equals("/command-api")) {
            FakeHttpServer.json(exchange, 404, "{}");
            return;
        }
        FakeHttpServer.json(exchange, 200, mode == Mode.GOOD ? RUN_CMDS : "{\"jsonrpc\": \"2.0\", \"id\": \"x\", \"result\": [{\"uptime\": 1}");
    }

    @Override
    String model()
    {
        return "DCS-7050SX3-48YC8";
    }

    @Override
    String serial()
    {
        return "JPE20123456";
    }

    @Override
    String version()
    {
        return "4.30.1F";
    }

    @Test
    void inventoryFileHostsAreRefreshedAndWrittenWhereNetBoxKnowsThem(@TempDir Path directory)
            throws Exception
    {
        netbox.addDevice(1, "good", platform(), model(), "", null);
        Path inventory = directory.resolve("hosts.yaml");
        Files.writeString(inventory, """
                defaults:
                  data:
                    tls: {pin: "%s"}
                hosts:
                  good: {hostname: 127.0.0.1, platform: eos, port: %d}
                  lab-only: {hostname: 127.0.0.1, platform: eos, port: %d}
                """.formatted(pin(), vendors.get(Mode.GOOD).uri("/").getPort(), vendors.get(Mode.GOOD).uri("/").getPort()));

        TestRun run = run(Map.of("inventory_file", inventory.toString()));

        assertThat(counts(run)).containsExactlyInAnyOrderEntriesOf(Map.of("changed", 1L, "ok", 1L));
        assertThat(run.resultOrThrow().values()).containsEntry("source", "inventory_file");
        assertThat(netbox.patches()).extracting(FakeNetBox.Patch::id).containsExactly(1L);
    }

    @Test
    void aBadOverrideFailsThatDeviceAloneAndADeviceWithoutAddressIsSkipped()
    {
        addGoodDevice("");
        netbox.addDevice(2, "typo", platform(), model(), "", Map.of("port", "eighty"));
        netbox.addDevice(3, "no-ip", platform(), model(), "", null).putNull("primary_ip4");

        TestRun run = run(Map.of());

        assertThat(counts(run)).containsExactlyInAnyOrderEntriesOf(Map.of("changed", 1L, "failed", 1L, "skipped", 1L));
        assertThat(run.resultOrThrow().values().get("failures").toString()).contains("typo").contains("port must be a number");
        assertThat(run.lastProgress()).contains(new TestRun.Progress(3, 3));
    }

    @Test
    void sendsOneRunCmdsCallWithBothCommandsAndBasicAuth()
    {
        addGoodDevice("");

        run(Map.of());

        FakeHttpServer.Request request = vendors.get(Mode.GOOD).requests().getFirst();
        assertThat(request.body()).contains("\"method\":\"runCmds\"").contains("\"cmds\":[\"show version\",\"show hostname\"]");
        assertThat(request.header("Authorization")).startsWith("Basic ");
    }

    @Test
    void aModelDifferentFromTheDeviceTypeIsReportedAndNeverWritten()
    {
        netbox.addDevice(1, "good", platform(), "DCS-7280SR-48C6", "", at(Mode.GOOD, pin()));

        TestRun run = run(Map.of());

        assertThat(run.resultOrThrow().values().get("model_mismatches")).isEqualTo(
                List.of(Map.of("device", "good", "netbox_model", "DCS-7280SR-48C6", "device_model", "DCS-7050SX3-48YC8")));
        assertThat(netbox.patches().getFirst().body().toString()).doesNotContain("device_type").doesNotContain("7050");
    }

    int port(Mode mode)
    {
        return vendors.get(mode).uri("/").getPort();
    }

    @Test
    void aDeviceWithoutOverridesIsReachedThroughTheJobsConnectionParams()
    {
        netbox.addDevice(1, "good", platform(), model(), "", null);

        TestRun run = run(Map.of("connection", Map.of("port", port(Mode.GOOD), "scheme", "https", "tls_pin", pin())));

        assertThat(counts(run)).containsExactlyEntriesOf(Map.of("changed", 1L));
        assertThat(vendors.get(Mode.GOOD).requests()).hasSize(1);
    }

    @Test
    void aDevicesOwnOverridesWinOverTheJobsConnectionParams()
    {
        netbox.addDevice(1, "own-pin", platform(), model(), "", Map.of("tls", Map.of("pin", pin())));
        netbox.addDevice(2, "job-pin", platform(), model(), "", null);

        TestRun run = run(Map.of("connection", Map.of("port", port(Mode.GOOD), "tls_pin", WRONG_PIN)));

        assertThat(counts(run)).containsExactlyInAnyOrderEntriesOf(Map.of("changed", 1L, "unreachable", 1L));
        assertThat(netbox.patches()).extracting(FakeNetBox.Patch::id).containsExactly(1L);
    }

    @Test
    void eachRunCountsItsDevicesByOutcomeAndSetsItsDurationOnTheNodesMetrics()
    {
        addGoodDevice("");
        netbox.addDevice(2, "wrong-pin", platform(), model(), "", at(Mode.GOOD, WRONG_PIN));

        run(Map.of());
        run(Map.of());

        assertThat(metrics.counters()).containsOnly(
                Map.entry(new InMemoryJobMetrics.Key(HwinfoRefresh.DEVICES, Map.of("platform", "arista", "outcome", "changed")), 1.0),
                Map.entry(new InMemoryJobMetrics.Key(HwinfoRefresh.DEVICES, Map.of("platform", "arista", "outcome", "unchanged")), 1.0),
                Map.entry(new InMemoryJobMetrics.Key(HwinfoRefresh.DEVICES, Map.of("platform", "arista", "outcome", "unreachable")), 2.0));
        assertThat(metrics.gauge(HwinfoRefresh.LAST_RUN_DURATION, Map.of("platform", "arista"))).hasValueSatisfying(
                seconds -> assertThat(seconds).isGreaterThan(0).isLessThan(10));
    }
}
