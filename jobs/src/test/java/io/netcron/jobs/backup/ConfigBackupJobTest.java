package io.netcron.jobs.backup;

import io.netcron.credentials.Credentials;
import io.netcron.git.GitAuthor;
import io.netcron.git.GitClient;
import io.netcron.ipam.Ipam;
import io.netcron.job.testing.JobTester;
import io.netcron.job.testing.TestRun;
import io.netcron.jobs.discovery.FakeNetBox;
import io.netcron.ssh.FakeDevice;
import io.netcron.ssh.SshClient;
import io.netcron.testing.LoopbackPorts;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigBackupJobTest
{
    private static final String IOS_CONFIG = """
            Building configuration...

            Current configuration : 1234 bytes
            !
            ! Last configuration change at 10:11:12 UTC Mon Nov 30 2026 by netops
            ! NVRAM config last updated at 10:11:13 UTC Mon Nov 30 2026 by netops
            !
            version 17.9
            hostname edge1
            !
            interface Vlan10
             description users
             ip address 10.0.10.1 255.255.255.0
            !
            ntp clock-period 17179869
            ntp server 192.0.2.123
            end""";

    private static final String JUNOS_CONFIG = """
            ## Last commit: 2026-11-30 10:00:00 UTC by netops
            set version 23.4R1
            set system host-name core2
            set interfaces xe-0/0/0 unit 0 family inet address 10.0.20.1/24
            """;

    @TempDir
    Path temp;

    private FakeDevice edge1;
    private FakeDevice core2;
    private FakeNetBox netbox;
    private final SshClient ssh = FakeDevice.client(FakeDevice.credentials("network"));
    private final GitClient git = new GitClient(GitAuthor.NETCRON, Duration.ofSeconds(30));

    @BeforeEach
    void start()
            throws IOException
    {
        edge1 = FakeDevice.ios("edge1").answer("show running-config", IOS_CONFIG);
        core2 = FakeDevice.junos("core2").answer("show configuration | display set", JUNOS_CONFIG);
        netbox = new FakeNetBox();
    }

    @AfterEach
    void stop()
            throws IOException
    {
        edge1.close();
        core2.close();
        netbox.close();
    }

    @Test
    void commitsEachDeviceWithVolatileLinesDroppedAndTheRunIdInTheMessage()
            throws Exception
    {
        TestRun run = run(devices(edge1, "ios", core2, "junos"), Map.of());

        assertThat(run.fanOutCounts()).containsEntry("changed", 2L);
        assertThat(run.resultOrThrow().values()).containsEntry("commits", 2L);
        String edge = Files.readString(repository().resolve("edge1.cfg"));
        assertThat(edge).startsWith("!\n!\nversion 17.9\n").contains("ip address 10.0.10.1 255.255.255.0", "ntp server 192.0.2.123")
                .doesNotContain("Last configuration change", "NVRAM", "clock-period", "Building configuration", "Current configuration");
        assertThat(Files.readString(repository().resolve("core2.cfg"))).startsWith("set version 23.4R1\n").doesNotContain("Last commit");
        assertThat(messages()).hasSize(2).allMatch(message -> message.matches("config-backup: (edge1|core2) \\(run 0\\)"));
        assertThat(edge1.commands()).containsSubsequence("terminal length 0", "enable", "show running-config");
        assertThat(core2.commands()).containsSubsequence("set cli screen-length 0", "show configuration | display set");
        assertThat(run.output()).anyMatch(line -> line.matches("edge1: committed [0-9a-f]{12} \\(\\+\\d+ -0\\)"));
    }

    @Test
    void aSecondRunWhereOnlyVolatileLinesChangedCommitsNothing()
            throws Exception
    {
        run(devices(edge1, "ios", core2, "junos"), Map.of()).resultOrThrow();
        edge1.answer("show running-config", IOS_CONFIG.replace("10:11:12", "23:59:59").replace("17179869", "17180000"));
        core2.answer("show configuration | display set", JUNOS_CONFIG.replace("10:00:00", "11:11:11"));

        TestRun second = run(devices(edge1, "ios", core2, "junos"), Map.of());

        assertThat(second.fanOutCounts()).containsEntry("unchanged", 2L).doesNotContainKey("changed");
        assertThat(second.resultOrThrow().values()).containsEntry("commits", 0L).containsEntry("changed_devices", List.of());
        assertThat(messages()).hasSize(2);
    }

    @Test
    void aRealChangeIsOneCommitWithItsDiffSummaryInTheResult()
            throws Exception
    {
        run(devices(edge1, "ios", core2, "junos"), Map.of()).resultOrThrow();
        edge1.answer("show running-config", IOS_CONFIG.replace("description users", "description staff"));

        TestRun second = run(devices(edge1, "ios", core2, "junos"), Map.of());

        assertThat(second.fanOutCounts()).containsEntry("changed", 1L).containsEntry("unchanged", 1L);
        assertThat(second.resultOrThrow().values().get("changed_devices")).asList().singleElement()
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("device", "edge1").containsEntry("file", "edge1.cfg").containsEntry("lines_added", 1).containsEntry("lines_removed", 1);
        assertThat(messages()).hasSize(3);
        assertThat(Files.readString(repository().resolve("edge1.cfg"))).contains("description staff");
    }

    @Test
    void anUnreachableDeviceIsCountedAndTheOthersAreBackedUp()
            throws Exception
    {
        int closed = LoopbackPorts.closed();
        List<Map<String, Object>> devices = new ArrayList<>(devices(edge1, "ios", core2, "junos"));
        devices.add(Map.of("name", "gone", "host", "127.0.0.1", "port", closed, "platform", "ios"));

        TestRun run = run(devices, Map.of());

        assertThat(run.fanOutCounts()).containsEntry("changed", 2L).containsEntry("unreachable", 1L);
        assertThat(run.fanOutFailures()).singleElement().satisfies(failure -> assertThat(failure).containsEntry("target", "gone").containsEntry("outcome", "unreachable"));
        assertThat(repository().resolve("gone.cfg")).doesNotExist();
    }

    @Test
    void aRefusedCommandIsAParseErrorAndKeepsTheLastGoodBackup()
            throws Exception
    {
        run(devices(edge1, "ios", core2, "junos"), Map.of()).resultOrThrow();
        edge1.answer("show running-config", "                ^\n% Invalid input detected at '^' marker.\n");

        TestRun second = run(devices(edge1, "ios", core2, "junos"), Map.of());

        assertThat(second.fanOutCounts()).containsEntry("parse_error", 1L).containsEntry("unchanged", 1L);
        assertThat(second.fanOutFailures()).singleElement().satisfies(failure -> assertThat(String.valueOf(failure.get("reason"))).contains("Invalid input"));
        assertThat(Files.readString(repository().resolve("edge1.cfg"))).contains("hostname edge1");
    }

    @Test
    void devicesComeFromNetBoxWhenNoneAreListedAndThoseWithoutAddressOrKnownPlatformAreSkipped()
            throws Exception
    {
        netbox.addDevice("edge1", "cisco-ios-xe", "127.0.0.1/32");
        netbox.addDevice("no-address", "ios", null);
        netbox.addDevice("pdu1", "raritan", "127.0.0.9/32");

        TestRun run = run(List.of(), Map.of("ssh_port", edge1.port()));

        assertThat(run.fanOutCounts()).containsEntry("changed", 1L).containsEntry("skipped", 2L);
        assertThat(repository().resolve("edge1.cfg")).exists();
    }

    @Test
    void aDryRunWritesAndCommitsNothingButSaysWhatWouldChange()
            throws Exception
    {
        TestRun run = run(devices(edge1, "ios", core2, "junos"), Map.of("dry_run", true));

        assertThat(run.fanOutCounts()).containsEntry("skipped", 2L);
        assertThat(repository().resolve("edge1.cfg")).doesNotExist();
        assertThat(messages()).isEmpty();
    }

    @Test
    void pushesTheCommitsToTheRemote()
            throws Exception
    {
        Path remote = temp.resolve("remote.git");
        Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("main").call().close();

        TestRun run = run(devices(edge1, "ios", core2, "junos"), Map.of("remote_url", remote.toUri().toString(), "push", true));

        assertThat(run.resultOrThrow().values().get("push")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("status", "OK").containsEntry("branch", "main");
        try (Git bare = Git.open(remote.toFile())) {
            assertThat(bare.log().call()).hasSize(2);
        }
    }

    private TestRun run(List<Map<String, Object>> devices, Map<String, Object> extra)
    {
        JobTester tester = JobTester.forJob(ConfigBackupJob.class)
                .bind(Ipam.class, netbox.client())
                .bind(SshClient.class, ssh)
                .bind(GitClient.class, git)
                .bind(Credentials.class, FakeDevice.credentials("network"))
                .param("repository", repository().toString())
                .param("devices", devices)
                .param("max_failure_share", 1.0)
                .maxRuntime(Duration.ofSeconds(30));
        extra.forEach(tester::param);
        return tester.run();
    }

    private Path repository()
    {
        return temp.resolve("configs");
    }

    private List<String> messages()
            throws Exception
    {
        if (!Files.isDirectory(repository().resolve(".git"))) {
            return List.of();
        }
        try (Git repo = Git.open(repository().toFile())) {
            if (repo.getRepository().resolve("HEAD") == null) {
                return List.of();
            }
            List<String> messages = new ArrayList<>();
            for (RevCommit commit : repo.log().call()) {
                messages.add(commit.getFullMessage().strip());
            }
            return messages;
        }
    }

    private static List<Map<String, Object>> devices(FakeDevice first, String firstPlatform, FakeDevice second, String secondPlatform)
    {
        return List.of(
                Map.of("name", first.hostname(), "host", "127.0.0.1", "port", first.port(), "platform", firstPlatform),
                Map.of("name", second.hostname(), "host", "127.0.0.1", "port", second.port(), "platform", secondPlatform));
    }
}
