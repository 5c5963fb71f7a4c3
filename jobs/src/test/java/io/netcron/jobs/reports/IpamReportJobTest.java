package io.netcron.jobs.reports;

import io.netcron.credentials.Credential;
import io.netcron.credentials.Credentials;
import io.netcron.http.HttpClientSettings;
import io.netcron.http.SharedHttpClient;
import io.netcron.ipam.Ipam;
import io.netcron.ipam.NetBoxClient;
import io.netcron.ipam.NetBoxSettings;
import io.netcron.job.JobFailedException;
import io.netcron.job.testing.JobTester;
import io.netcron.job.testing.TestRun;
import io.netcron.report.ReportFiles;
import io.netcron.report.SplunkHec;
import io.netcron.report.SplunkSettings;
import io.netcron.testing.FakeHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.netcron.jobs.reports.FakeNetBox.address;
import static io.netcron.jobs.reports.FakeNetBox.device;
import static io.netcron.jobs.reports.FakeNetBox.prefix;
import static org.assertj.core.api.Assertions.assertThat;

class IpamReportJobTest
{
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @TempDir
    Path reports;

    private final SharedHttpClient http = new SharedHttpClient(HttpClientSettings.defaults());
    private final Credentials credentials = Credentials.of(Map.of(
            "ipam", Credential.token("ipam", "0123456789abcdef0123456789abcdef01234567"),
            "splunk", Credential.token("splunk", "hec-token-1234")));
    private FakeNetBox netbox;

    @BeforeEach
    void startNetBox()
            throws IOException
    {
        netbox = new FakeNetBox(
                Map.of(
                        "", List.of(prefix(1, "10.0.0.0/16", null, "container"), prefix(2, "10.0.0.0/24", null, "active"),
                                prefix(3, "192.0.2.0/29", null, "active"), prefix(4, "not-a-prefix", null, "active")),
                        "10.0.0.0/16", List.of(prefix(2, "10.0.0.0/24", null, "active"), prefix(5, "10.0.0.0/25", null, "active"),
                                prefix(6, "10.0.1.0/24", null, "reserved"), prefix(7, "10.0.2.0/24", "blue", "active"))),
                Map.of(
                        "", List.of(address(11, "10.0.0.1/24", null, "2026-11-29"), address(12, "10.0.0.2/24", null, "2026-09-01"),
                                address(13, "10.0.0.3/24", null, null), address(14, "10.0.0.4/24", null, "2026-08-01T10:00:00Z"),
                                address(15, "10.0.0.5/24", null, "yesterday")),
                        "10.0.0.0/24", List.of(address(11, "10.0.0.1/24", null, null), address(12, "10.0.0.2/24", null, null), address(13, "10.0.0.3/24", null, null)),
                        "192.0.2.0/29", List.of(address(21, "192.0.2.1/29", null, null), address(22, "192.0.2.2/29", null, null), address(23, "192.0.2.3/29", null, null),
                                address(24, "192.0.2.4/29", null, null), address(25, "192.0.2.5/29", null, null), address(26, "192.0.2.6/29", "blue", null))),
                List.of(device(31, "leaf1", "JPE1", "4.30.1F"), device(32, "leaf2", "", "4.30.1F"), device(33, "leaf3", "JPE3", null)));
    }

    @AfterEach
    void stop()
            throws IOException
    {
        netbox.close();
        http.close();
    }

    private JobTester job(SplunkSettings splunk)
    {
        return JobTester.forJob(IpamReportJob.class)
                .bind(Ipam.class, new NetBoxClient(http, credentials, NetBoxSettings.of(netbox.uri())))
                .bind(ReportFiles.class, new ReportFiles(reports, Clock.fixed(NOW, ZoneOffset.UTC)))
                .bind(SplunkHec.class, new SplunkHec(http, credentials, splunk))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private JobTester job()
    {
        return job(unconfigured());
    }

    @Test
    void prefixUtilisationIsComputedAsNetBoxShowsItAndWrittenAsCsvAndJson()
            throws IOException
    {
        TestRun run = job().run();

        Map<String, Object> result = run.resultOrThrow().values();
        assertThat(result).containsEntry("prefixes", 3).containsEntry("prefixes_over_warning", 1L).containsEntry("prefix_counts", Map.of("ok", 3L, "parse_error", 1L));
        assertThat(result.get("prefix_failures").toString()).contains("not-a-prefix");
        Path csv = reports.resolve("ipam-report-prefixes-20261130-120000.csv");
        assertThat(Files.readAllLines(csv)).containsExactly(
                "prefix,vrf,status,description,size,used,utilisation,warning",
                "10.0.0.0/16,,container,,65536,512,0.0078,false", // children 10.0.0.0/24 (with its /25 inside) and 10.0.1.0/24; not the blue VRF's
                "10.0.0.0/24,,active,,254,3,0.0118,false",
                "192.0.2.0/29,,active,,6,5,0.8333,true");
        assertThat(Files.readString(reports.resolve("ipam-report-prefixes-20261130-120000.json"))).contains("\"prefix\" : \"192.0.2.0/29\"", "\"warning\" : true");
        assertThat(run.lastProgress()).contains(new TestRun.Progress(4, 4));
    }

    @Test
    void devicesMissingASerialOrASoftwareVersionAreListed()
            throws IOException
    {
        Map<String, Object> result = job().run().resultOrThrow().values();

        assertThat(result).containsEntry("devices_checked", 3).containsEntry("devices_missing", 2);
        assertThat(Files.readAllLines(reports.resolve("ipam-report-devices-20261130-120000.csv"))).containsExactly(
                "device,site,role,platform,status,serial,sw_version,missing_serial,missing_sw_version",
                "leaf2,fra1,leaf,eos,active,,4.30.1F,true,false",
                "leaf3,fra1,leaf,eos,active,JPE3,,false,true");
        assertThat(netbox.requests()).anySatisfy(request -> assertThat(request.pathAndQuery()).startsWith("/api/dcim/devices/").contains("status=active"));
    }

    @Test
    void addressesNotSeenForMoreThanStaleDaysAreListedNeverSeenOnlyCounted()
            throws IOException
    {
        Map<String, Object> result = job().run().resultOrThrow().values();

        assertThat(result).containsEntry("addresses_checked", 5).containsEntry("stale_addresses", 2L).containsEntry("never_seen", 1L)
                .containsEntry("unreadable_last_seen", 1L);
        assertThat(Files.readAllLines(reports.resolve("ipam-report-stale-addresses-20261130-120000.csv"))).containsExactly(
                "address,vrf,status,dns_name,last_seen,days_since,note",
                "10.0.0.2/24,,active,h12.example.net,2026-09-01,90,",
                "10.0.0.4/24,,active,h14.example.net,2026-08-01T10:00:00Z,121,",
                "10.0.0.5/24,,active,h15.example.net,yesterday,,last_seen is not a date");
    }

    @Test
    void theResultListsTheSixFilesWritten()
    {
        Map<String, Object> result = job().run().resultOrThrow().values();

        assertThat((List<?>) result.get("files")).hasSize(6).allSatisfy(file -> assertThat(Path.of(file.toString())).exists().startsWith(reports));
    }

    @Test
    void rowsGoToSplunkHecAsEventsWithTheirSection()
            throws IOException
    {
        try (FakeHttpServer hec = FakeHttpServer.http().on("/services/collector/event", (exchange, request) -> FakeHttpServer.json(exchange, 200, "{\"text\":\"Success\",\"code\":0}")).start()) {
            Map<String, Object> result = job(SplunkSettings.of(hec.uri("/"))).run().resultOrThrow().values();

            assertThat(result).containsEntry("splunk_events", 8); // 3 prefixes, 2 devices, 3 addresses
            String body = String.join("\n", hec.requests().stream().map(FakeHttpServer.Request::body).toList());
            assertThat(body.lines().toList()).hasSize(8).allSatisfy(line -> assertThat(line).contains("\"sourcetype\":\"netcron:ipam_report\""));
            assertThat(body).contains("\"fields\":{\"section\":\"devices\"}", "\"fields\":{\"section\":\"prefixes\"}", "\"fields\":{\"section\":\"stale_addresses\"}");
        }
    }

    @Test
    void aSectionNetBoxRefusesIsAnErrorWhileTheOthersAreStillWritten()
    {
        netbox.refuse("devices", "{\"status\": [\"Select a valid choice. retired is not one of the available choices.\"]}");

        TestRun run = job().run();

        assertThat(run.failure()).isInstanceOf(JobFailedException.class).hasMessageContaining("devices:").hasMessageContaining("Select a valid choice");
        Map<String, Object> result = ((JobFailedException) run.failure()).result().orElseThrow().values();
        assertThat((List<?>) result.get("files")).hasSize(4);
        assertThat(result).containsEntry("stale_addresses", 2L).doesNotContainKey("devices_missing");
    }

    private static SplunkSettings unconfigured()
    {
        SplunkSettings base = SplunkSettings.of(URI.create("http://127.0.0.1:9"));
        return new SplunkSettings(Optional.empty(), base.credential(), base.index(), base.source(), base.sourcetype(), base.host(), base.trust(), base.timeout(),
                base.batchSize(), base.maxBatchBytes(), base.maxAttempts(), base.retryDelay(), base.maxRetryDelay());
    }
}
