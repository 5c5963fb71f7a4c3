package io.netcron.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.netcron.ipam.FakeNetBox;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.CloseAfterAll;
import io.netcron.server.testing.Cluster;
import io.netcron.server.testing.HardwarePeers;
import io.netcron.server.testing.HardwarePeers.Facts;
import io.netcron.server.testing.MultiJvm;
import io.netcron.server.testing.NodeProcess;
import io.netcron.server.testing.Runs;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import io.netcron.ssh.FakeDevice;
import io.netcron.testing.FakeHttpServer;
import io.netcron.testing.SelfSignedCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 11 end to end: three node processes, a NetBox fake with 200 devices across the HTTPS
 * platforms and SSH (one device API peer per platform, one Versa Director, one MINA SSHD IOS shell),
 * some with a stale serial or software version. Each {@code refresh-hwinfo-<platform>} requested once runs exactly once and
 * PATCHes exactly the stale devices with exactly the changed fields; a second round writes nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@MultiJvm
class HardwareRefreshClusterTest
{
    private static final Map<String, Integer> DEVICES_PER_JOB = new LinkedHashMap<>(Map.of(
            "arista", 35, "aruba", 30, "f5", 30, "paloalto", 30, "hpe", 30, "versa", 25, "ssh", 20));
    private static final Map<String, Facts> FACTS = Map.of(
            "arista", HardwarePeers.ARISTA, "aruba", HardwarePeers.ARUBA, "f5", HardwarePeers.F5,
            "paloalto", HardwarePeers.PALOALTO, "hpe", HardwarePeers.HPE, "versa", HardwarePeers.VERSA, "ssh", HardwarePeers.IOS);

    @ClassDatabase
    private static TestDatabase database;
    private static Path directory;
    private static SelfSignedCertificate certificate;
    private static final Map<String, FakeHttpServer> peers = new HashMap<>();
    @CloseAfterAll
    private static FakeNetBox netbox;
    @CloseAfterAll
    private static FakeDevice ios;
    @CloseAfterAll
    private static Cluster cluster;
    /** device id -> the fields its first PATCH must hold besides hwinfo_refreshed_at. */
    private static final Map<Long, Map<String, String>> stale = new TreeMap<>();

    @BeforeAll
    static void startClusterAndPeers()
            throws Exception
    {
        directory = Files.createTempDirectory("hwinfo-cluster");
        certificate = SelfSignedCertificate.create(directory);
        peers.put("arista", HardwarePeers.arista(certificate.serverContext()));
        peers.put("aruba", HardwarePeers.aruba(certificate.serverContext()));
        peers.put("f5", HardwarePeers.f5(certificate.serverContext()));
        peers.put("paloalto", HardwarePeers.paloAlto(certificate.serverContext()));
        peers.put("hpe", HardwarePeers.hpe(certificate.serverContext()));
        netbox = new FakeNetBox();
        ios = FakeDevice.builder().hostname("edge1").login("netcron", "ssh-pass-123").privileged().start()
                .answer("show version", FakeDevice.IOS_XE_SHOW_VERSION);

        List<String> versaNames = new ArrayList<>();
        long id = 0;
        for (Map.Entry<String, Integer> entry : DEVICES_PER_JOB.entrySet()) {
            String job = entry.getKey();
            Facts facts = FACTS.get(job);
            for (int i = 0; i < entry.getValue(); i++) {
                id++;
                String name = job + "-" + i;
                // every third device has an old serial, every fifth an old version; the rest match the device
                boolean oldSerial = i % 3 == 0;
                boolean oldVersion = i % 5 == 0;
                Map<String, String> expected = new TreeMap<>();
                if (oldSerial) {
                    expected.put("serial", facts.serial());
                }
                if (oldVersion) {
                    expected.put("sw_version", facts.version());
                }
                if (!expected.isEmpty()) {
                    stale.put(id, expected);
                }
                Map<String, Object> context = switch (job) {
                    case "versa" -> null;
                    case "ssh" -> Map.of("port", ios.port());
                    default -> Map.of("port", peers.get(job).uri("/").getPort(), "tls", Map.of("pin", certificate.opensslFingerprint()));
                };
                netbox.addDevice(id, name, facts.platform(), facts.model(), oldSerial ? "OLD-" + i : facts.serial(),
                        oldVersion ? "0.9-old" : facts.version(), context);
                if (job.equals("versa")) {
                    versaNames.add(name);
                }
            }
        }
        peers.put("versa", HardwarePeers.versaDirector(certificate.serverContext(), versaNames));

        Map<String, String> environment = new HashMap<>();
        environment.put("NETCRON_IPAM_URL", netbox.uri().toString());
        environment.put("NETCRON_CREDENTIAL_IPAM_TOKEN", "netbox-token-0123456789");
        for (String job : DEVICES_PER_JOB.keySet()) {
            environment.put("NETCRON_CREDENTIAL_HWINFO_" + job.toUpperCase() + "_USERNAME", "netcron");
            environment.put("NETCRON_CREDENTIAL_HWINFO_" + job.toUpperCase() + "_PASSWORD", job + "-pass-123");
        }
        cluster = new Cluster(database, environment);
        NodeProcess first = cluster.start("node-1");
        NodeProcess second = cluster.start("node-2");
        NodeProcess third = cluster.start("node-3");
        cluster.awaitActive(Duration.ofSeconds(90), first, second, third);
        // paused, so a daily schedule firing during the test cannot add runs or PATCHes; the requests run them with force = true
        await("the refresh jobs registered").atMost(Duration.ofSeconds(30)).until(() ->
                Sql.count(database, "SELECT count(*) FROM netcron.job WHERE name LIKE 'refresh-hwinfo-%'") >= DEVICES_PER_JOB.size());
        Sql.execute(database, "UPDATE netcron.job SET enabled = false WHERE name LIKE 'refresh-hwinfo-%'");
    }

    @AfterAll
    static void stopPeers()
    {
        peers.values().forEach(FakeHttpServer::close);
    }

    @Test
    @Order(1)
    void eachPlatformRunsOnceAndWritesExactlyTheStaleFields()
            throws Exception
    {
        Map<String, Runs.Run> runs = requestAllAndAwait("first");

        for (Map.Entry<String, Runs.Run> entry : runs.entrySet()) {
            String job = entry.getKey();
            Runs.Run run = entry.getValue();
            assertThat(run.status()).as("%s: %s %s", job, run.error(), run.output()).isEqualTo("succeeded");
            long staleOfJob = stale.keySet().stream().filter(id -> jobOf(id).equals(job)).count();
            assertThat(counts(run)).as(job + " counts").isEqualTo(Map.of(
                    "changed", staleOfJob, "unchanged", DEVICES_PER_JOB.get(job) - staleOfJob));
        }

        List<FakeNetBox.Patch> patches = netbox.patches();
        assertThat(patches).extracting(FakeNetBox.Patch::id).as("PATCHed devices").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(stale.keySet());
        for (FakeNetBox.Patch patch : patches) {
            Map<String, String> written = new TreeMap<>();
            patch.body().properties().forEach(field -> {
                if (field.getKey().equals("custom_fields")) {
                    field.getValue().properties().forEach(custom -> written.put(custom.getKey(), custom.getValue().asText()));
                }
                else {
                    written.put(field.getKey(), field.getValue().asText());
                }
            });
            assertThat(written.remove("hwinfo_refreshed_at")).as("refresh time of device " + patch.id()).isNotBlank();
            assertThat(written).as("fields written to device " + patch.id()).isEqualTo(stale.get(patch.id()));
        }
        Set<String> methods = new TreeSet<>();
        netbox.server().requests().forEach(request -> methods.add(request.method()));
        assertThat(methods).as("methods NetBox received").containsExactlyInAnyOrder("GET", "PATCH");
    }

    @Test
    @Order(2)
    void aSecondRoundWritesNothing()
            throws Exception
    {
        int patchesBefore = netbox.patches().size();

        Map<String, Runs.Run> runs = requestAllAndAwait("second");

        for (Map.Entry<String, Runs.Run> entry : runs.entrySet()) {
            assertThat(entry.getValue().status()).as(entry.getKey()).isEqualTo("succeeded");
            assertThat(counts(entry.getValue())).as(entry.getKey() + " counts")
                    .isEqualTo(Map.of("unchanged", (long) DEVICES_PER_JOB.get(entry.getKey())));
        }
        assertThat(netbox.patches()).as("PATCHes in the second round").hasSize(patchesBefore);
    }

    /** Requests every refresh once, waits for the runs to end; checks one run per request. */
    private static Map<String, Runs.Run> requestAllAndAwait(String round)
    {
        String requester = "hwinfo-" + round;
        for (String job : DEVICES_PER_JOB.keySet()) {
            String params = switch (job) {
                case "versa" -> "{\"director\": \"" + peers.get("versa").uri("") + "\", \"director_pin\": \"" + pin() + "\", \"per_device_timeout\": \"PT20S\"}";
                // the SSH family also takes eos and aoscx by default: here only the IOS devices are its own
                case "ssh" -> "{\"platform\": [\"ios\"], \"per_device_timeout\": \"PT20S\"}";
                default -> "{\"per_device_timeout\": \"PT20S\"}";
            };
            Sql.execute(database, "INSERT INTO netcron.job_request (job_name, params, requested_by, force) VALUES (?, ?::jsonb, ?, true)",
                    "refresh-hwinfo-" + job, params, requester);
        }
        int jobs = DEVICES_PER_JOB.size();
        await(round + " round's runs finished").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> Sql.count(database, """
                SELECT count(*) FROM netcron.job_run r JOIN netcron.job_request q ON q.run_id = r.id
                WHERE q.requested_by = ? AND r.status <> 'running'""", requester) == jobs);
        assertThat(Sql.count(database, "SELECT count(*) FROM netcron.job_request WHERE requested_by = ? AND error IS NOT NULL", requester)).isZero();
        assertThat(Sql.count(database, """
                SELECT count(*) FROM netcron.job_run r JOIN netcron.job_request q ON q.job_name = r.job_name AND q.scheduled_at = r.scheduled_at
                WHERE q.requested_by = ?""", requester)).as("runs recorded for the " + round + " round's requests").isEqualTo(jobs);
        Map<String, Runs.Run> runs = new TreeMap<>();
        for (String job : DEVICES_PER_JOB.keySet()) {
            List<Runs.Run> found = Runs.where(database,
                    "id IN (SELECT run_id FROM netcron.job_request WHERE requested_by = ? AND job_name = ?)", requester, "refresh-hwinfo-" + job);
            assertThat(found).as("runs of refresh-hwinfo-" + job).hasSize(1);
            runs.put(job, found.getFirst());
        }
        return runs;
    }

    private static Map<String, Long> counts(Runs.Run run)
            throws Exception
    {
        JsonNode counts = FakeNetBox.JSON.readTree(run.result()).path("counts");
        Map<String, Long> values = new TreeMap<>();
        counts.properties().forEach(entry -> values.put(entry.getKey(), entry.getValue().asLong()));
        return values;
    }

    private static String jobOf(long id)
    {
        long upTo = 0;
        for (Map.Entry<String, Integer> entry : DEVICES_PER_JOB.entrySet()) {
            upTo += entry.getValue();
            if (id <= upTo) {
                return entry.getKey();
            }
        }
        throw new IllegalArgumentException("no device " + id);
    }

    private static String pin()
    {
        try {
            return certificate.opensslFingerprint();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
