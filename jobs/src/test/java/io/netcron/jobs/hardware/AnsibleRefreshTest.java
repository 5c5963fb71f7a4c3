package io.netcron.jobs.hardware;

import io.netcron.credentials.Credential;
import io.netcron.credentials.Credentials;
import io.netcron.credentials.Secret;
import io.netcron.http.HttpClientSettings;
import io.netcron.http.SharedHttpClient;
import io.netcron.ipam.FakeNetBox;
import io.netcron.ipam.Ipam;
import io.netcron.job.testing.JobTester;
import io.netcron.job.testing.TestRun;
import io.netcron.metrics.InMemoryJobMetrics;
import io.netcron.metrics.JobMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AnsibleRefreshTest
{
    final InMemoryJobMetrics metrics = new InMemoryJobMetrics();

    /**
     * Stands in for {@code ansible <host> -i <inventory> -m setup -o}: prints the one-line result
     * Ansible prints for the host, and keeps its command line so the test can check no secret was on it.
     */
    static final String FAKE_ANSIBLE = """
            #!/bin/sh
            echo "$@" >> "$(dirname "$0")/command-lines"
            key=$(grep -o 'ansible_ssh_private_key_file":"[^"]*' "$3" | cut -d'"' -f3)
            [ -n "$key" ] && stat -c '%a' "$key" > "$(dirname "$0")/key-mode" && cat "$key" > "$(dirname "$0")/key-seen"
            grep -q '"ansible_password":"linux-pass-123"' "$3" || { echo "$1 | UNREACHABLE! => {\\"msg\\": \\"no password in the inventory\\", \\"unreachable\\": true}"; exit 4; }
            case "$1" in
              web1) echo '$1 | SUCCESS => {"ansible_facts": {"ansible_hostname": "web1", "ansible_fqdn": "web1.fra1.example.net", "ansible_system_vendor": "Dell Inc.", "ansible_product_name": "PowerEdge R650", "ansible_product_serial": "7XK2PL3", "ansible_distribution": "Debian", "ansible_distribution_version": "12.8", "ansible_kernel": "6.1.0-28-amd64", "ansible_architecture": "x86_64", "ansible_bios_version": "1.13.2", "ansible_uptime_seconds": 864000}, "changed": false}' | sed "s/^\\$1/$1/" ;;
              locked1) echo "$1 | UNREACHABLE! => {\\"changed\\": false, \\"msg\\": \\"Failed to connect to the host via ssh: netcron@127.0.0.1: Permission denied (publickey,password).\\", \\"unreachable\\": true}"; exit 4 ;;
              down1) echo "$1 | UNREACHABLE! => {\\"changed\\": false, \\"msg\\": \\"Failed to connect to the host via ssh: ssh: connect to host 127.0.0.1 port 1: Connection refused\\", \\"unreachable\\": true}"; exit 4 ;;
              *) echo "[WARNING]: something odd"; exit 2 ;;
            esac
            """;

    @TempDir
    Path directory;

    private FakeNetBox netbox;
    private SharedHttpClient http;
    private Path ansible;

    @BeforeEach
    void start()
            throws Exception
    {
        netbox = new FakeNetBox();
        http = new SharedHttpClient(HttpClientSettings.defaults());
        ansible = directory.resolve("ansible");
        Files.writeString(ansible, FAKE_ANSIBLE);
        Files.setPosixFilePermissions(ansible, PosixFilePermissions.fromString("rwx------"));
    }

    @AfterEach
    void stop()
            throws Exception
    {
        netbox.close();
        http.close();
    }

    private TestRun run(String ansibleCommand)
    {
        return run(ansibleCommand, Credential.login("hwinfo-ansible", "netcron", "linux-pass-123"));
    }

    private TestRun run(String ansibleCommand, Credential login)
    {
        Credentials credentials = Credentials.of(Map.of("hwinfo-ansible", login, "ipam", Credential.token("ipam", "netbox-token-0123456789")));
        return JobTester.forJob(RefreshHwinfoAnsible.class)
                .bind(Credentials.class, credentials)
                .bind(Ipam.class, netbox.client(http, credentials))
                .bind(JobMetrics.class, metrics)
                .param("ansible_command", ansibleCommand)
                .param("failure_share", 1.0)
                .run();
    }

    @Test
    void setupFactsAreMappedAndWrittenWhileFailuresGetTheirOwnOutcome()
            throws Exception
    {
        netbox.addDevice(1, "web1", "linux", "PowerEdge R650", "", null);
        netbox.addDevice(2, "locked1", "linux", "PowerEdge R650", "", null);
        netbox.addDevice(3, "down1", "linux", "PowerEdge R650", "", null);
        netbox.addDevice(4, "odd1", "linux", "PowerEdge R650", "", null);

        TestRun run = run(ansible.toString());

        assertThat(PlatformContract.counts(run)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "changed", 1L, "auth_failed", 1L, "unreachable", 1L, "parse_error", 1L));
        assertThat(netbox.patchesOf(1).getFirst().body().path("serial").asText()).isEqualTo("7XK2PL3");
        assertThat(netbox.patchesOf(1).getFirst().body().path("custom_fields").path("sw_version").asText()).isEqualTo("Debian 12.8");
        assertThat(Files.readString(directory.resolve("command-lines"))).contains("web1 -i ").contains("-m setup -o").doesNotContain("linux-pass-123");
    }

    @Test
    void aPrivateKeyIsHandedOverInAFileOnlyTheUserCanReadAndRemovedAfterwards()
            throws Exception
    {
        netbox.addDevice(1, "web1", "linux", "PowerEdge R650", "", null);
        Credential withKey = new Credential("hwinfo-ansible", Map.of(Credential.USERNAME, Secret.of("netcron"),
                Credential.PASSWORD, Secret.of("linux-pass-123"), Credential.PRIVATE_KEY, Secret.of("-----BEGIN OPENSSH PRIVATE KEY-----\nfake\n-----END OPENSSH PRIVATE KEY-----")));

        TestRun run = run(ansible.toString(), withKey);

        assertThat(PlatformContract.counts(run)).containsExactlyEntriesOf(Map.of("changed", 1L));
        assertThat(Files.readString(directory.resolve("key-mode")).strip()).isEqualTo("600");
        assertThat(Files.readString(directory.resolve("key-seen"))).contains("fake");
        try (var left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(left.map(Path::getFileName).map(Path::toString)).noneMatch(name -> name.startsWith("netcron-ansible-"));
        }
    }

    @Test
    void withoutAnsibleTheResultSaysItIsNotInstalled()
    {
        netbox.addDevice(1, "web1", "linux", "PowerEdge R650", "", null);

        TestRun run = run(directory.resolve("no-such-ansible").toString());

        assertThat(run.resultOrThrow().values()).containsEntry("ansible", "not installed");
        assertThat((String) run.resultOrThrow().values().get("reason")).contains("was not found");
        assertThat(netbox.patches()).isEmpty();
    }
}
