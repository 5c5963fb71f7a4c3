package io.netcron.jobs.hardware;

import io.netcron.credentials.Credential;
import io.netcron.credentials.Credentials;
import io.netcron.http.HttpClientSettings;
import io.netcron.http.SharedHttpClient;
import io.netcron.ipam.FakeNetBox;
import io.netcron.ipam.Ipam;
import io.netcron.job.JobFailedException;
import io.netcron.job.testing.JobTester;
import io.netcron.job.testing.TestRun;
import io.netcron.testing.FakeHttpServer;
import io.netcron.testing.SelfSignedCertificate;
import io.netcron.metrics.InMemoryJobMetrics;
import io.netcron.metrics.JobMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class VersaRefreshTest
{
    final InMemoryJobMetrics metrics = new InMemoryJobMetrics();

    private static SelfSignedCertificate certificate;
    private FakeHttpServer director;
    private FakeNetBox netbox;
    private SharedHttpClient http;
    private final List<String> appliances = new ArrayList<>();
    private volatile int status = 200;

    @BeforeAll
    static void certificate(@TempDir Path directory)
            throws Exception
    {
        certificate = SelfSignedCertificate.create(directory);
    }

    @BeforeEach
    void start()
            throws Exception
    {
        director = FakeHttpServer.https(certificate.serverContext()).on("/vnms/appliance/appliance", (exchange, request) -> {
            if (status != 200 || !String.valueOf(request.header("Authorization")).startsWith("Basic ")) {
                FakeHttpServer.json(exchange, status == 200 ? 401 : status, "{\"error\": \"Unauthorized\"}");
                return;
            }
            Matcher paging = Pattern.compile("offset=(\\d+)&limit=(\\d+)").matcher(URLDecoder.decode(request.pathAndQuery(), StandardCharsets.UTF_8));
            int offset = paging.find() ? Integer.parseInt(paging.group(1)) : 0;
            int limit = paging.group(2) == null ? 25 : Math.min(3, Integer.parseInt(paging.group(2))); // a Director may cap the page
            List<String> page = appliances.subList(Math.min(offset, appliances.size()), Math.min(offset + limit, appliances.size()));
            FakeHttpServer.json(exchange, 200, "{\"versanms.ApplianceStatusResult\": {\"totalCount\": " + appliances.size()
                    + ", \"appliances\": [" + String.join(",", page) + "]}}");
        }).start();
        netbox = new FakeNetBox();
        http = new SharedHttpClient(HttpClientSettings.defaults());
    }

    @AfterEach
    void stop()
            throws Exception
    {
        director.close();
        netbox.close();
        http.close();
    }

    /** One appliance as the Director lists it (trimmed to the fields the job reads and their neighbours). */
    static String appliance(String name, String serial, String model)
    {
        return """
                {"name": "%s", "uuid": "0f8a-%s", "applianceLocation": {"appliance-name": "%s"}, "ipAddress": "10.0.0.1",
                 "ownerOrg": "Tenant1", "type": "branch", "sync-status": "IN_SYNC", "ping-status": "REACHABLE",
                 "softwareVersion": "21.2.3-B", "services": ["sdwan", "nextgen-firewall"],
                 "Hardware": {"name": "%s", "model": "%s", "cpuCores": 8, "memory": "15.39GiB", "freeMemory": "9.21GiB",
                              "diskSize": "112.5GiB", "freeDisk": "80.2GiB", "lpm": false, "fanless": false, "intelQuickAssistAcceleration": false,
                              "firmwareVersion": "5.12", "manufacturer": "Versa Networks", "serialNo": "%s", "hardWareSerialNo": "%s",
                              "cpuModel": "Intel(R) Atom(TM) CPU C3758", "cpuCount": 8, "cpuLoad": 3, "interfaceCount": 8, "packageName": "versa-flexvnf-20230420"}}
                """.formatted(name, name, name, name, model, serial, serial);
    }

    private TestRun run(Map<String, Object> params)
            throws Exception
    {
        Credentials credentials = Credentials.of(Map.of("hwinfo-versa", Credential.login("hwinfo-versa", "netcron", "versa-pass-123"),
                "ipam", Credential.token("ipam", "netbox-token-0123456789")));
        JobTester tester = JobTester.forJob(RefreshHwinfoVersa.class)
                .bind(SharedHttpClient.class, http)
                .bind(Credentials.class, credentials)
                .bind(Ipam.class, netbox.client(http, credentials))
                .bind(JobMetrics.class, metrics)
                .param("director", director.uri("").toString())
                .param("director_pin", certificate.opensslFingerprint())
                .param("failure_share", 1.0);
        params.forEach(tester::param);
        return tester.run();
    }

    @Test
    void oneDirectorListingPagedCoversEveryApplianceAndOnlyChangesAreWritten()
            throws Exception
    {
        for (int i = 1; i <= 7; i++) {
            appliances.add(appliance("branch" + i, "SN00" + i, "CSG750"));
            netbox.addDevice(i, "branch" + i, "flexvnf", "CSG750", i == 1 ? "SN001" : "", null);
        }
        netbox.addDevice(8, "branch-missing", "flexvnf", "CSG750", "", null);
        appliances.add("{\"name\": \"branch-bare\", \"ping-status\": \"UNREACHABLE\"}");
        netbox.addDevice(9, "branch-bare", "flexvnf", "CSG750", "", null);
        netbox.addDevice(10, "branch-noip", "flexvnf", "CSG750", "", null).putNull("primary_ip4");
        appliances.add(appliance("branch-noip", "SN010", "CSG750"));

        TestRun run = run(Map.of());

        assertThat(PlatformContract.counts(run)).containsExactlyInAnyOrderEntriesOf(Map.of("changed", 8L, "failed", 1L, "parse_error", 1L));
        assertThat(director.requests()).hasSize(3); // 9 appliances, pages of 3: stops at totalCount
        assertThat(netbox.patchesOf(1).getFirst().body().has("serial")).isFalse();
        assertThat(netbox.patchesOf(2).getFirst().body().path("serial").asText()).isEqualTo("SN002");
        assertThat(netbox.patchesOf(2).getFirst().body().path("custom_fields").path("sw_version").asText()).isEqualTo("21.2.3-B");
    }

    @Test
    void aDirectorRefusingTheLoginIsEveryAppliancesAuthFailure()
            throws Exception
    {
        status = 401;
        netbox.addDevice(1, "branch1", "flexvnf", "CSG750", "", null);
        netbox.addDevice(2, "branch2", "flexvnf", "CSG750", "", null);

        TestRun run = run(Map.of());

        assertThat(PlatformContract.counts(run)).containsExactlyEntriesOf(Map.of("auth_failed", 2L));
        assertThat(netbox.patches()).isEmpty();
    }

    @Test
    void withoutADirectorTheRunFailsNamingTheParam()
    {
        TestRun run = JobTester.forJob(RefreshHwinfoVersa.class)
                .bind(SharedHttpClient.class, http)
                .bind(Credentials.class, Credentials.of(Map.of()))
                .bind(Ipam.class, Ipam.unconfigured("no NetBox in this test"))
                .bind(JobMetrics.class, metrics)
                .run();

        assertThat(run.failure()).isInstanceOf(JobFailedException.class).hasMessageContaining("director is required");
    }
}
