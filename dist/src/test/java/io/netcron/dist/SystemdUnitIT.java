package io.netcron.dist;

import io.netcron.server.config.NodeConfig;
import io.netcron.server.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The release's systemd unit: what it promises, and systemd's own check of it where systemd is installed. */
class SystemdUnitIT
{
    @TempDir
    Path directory;

    @Test
    void unitRunsTheLauncherAsAServiceUserAndRestartsOnFailure()
    {
        SystemdUnit unit = SystemdUnit.read(Repository.file("deploy/systemd/netcron.service"));
        assertThat(unit.execStart()).containsExactly("/opt/netcron/bin/netcron", "server");
        assertThat(unit.required("User")).isNotIn("root", "0");
        assertThat(unit.required("EnvironmentFile")).isEqualTo("/etc/netcron/netcron.env");
        assertThat(unit.required("WorkingDirectory")).isEqualTo("/var/lib/netcron");
        assertThat(unit.required("StateDirectory")).isEqualTo("netcron");
        assertThat(unit.required("Restart")).isEqualTo("on-failure");
    }

    @Test
    void stopSendsSigtermAndWaitsLongerThanTheDrain()
    {
        SystemdUnit unit = SystemdUnit.read(Repository.file("deploy/systemd/netcron.service"));
        NodeConfig defaults = NodeConfig.from(Settings.of(Map.of()));
        assertThat(unit.required("KillSignal")).isEqualTo("SIGTERM");
        assertThat(Duration.ofSeconds(Long.parseLong(unit.required("TimeoutStopSec"))))
                .isGreaterThan(defaults.shutdownGrace().plus(defaults.timeoutGrace()));
        // the JVM's exit status after SIGTERM: a drained stop is no failure
        assertThat(unit.required("SuccessExitStatus").split("\\s+")).contains("143");
    }

    @Test
    void systemdAnalyzeVerifyAcceptsTheUnitOfTheTarball()
            throws Exception
    {
        assumeTrue(onPath("systemd-analyze"), "systemd-analyze is not installed");
        Path home = Tarball.unpack(Repository.tarball(), Files.createDirectories(directory.resolve("opt")));
        Path etc = Files.createDirectories(directory.resolve("etc"));
        Path state = Files.createDirectories(directory.resolve("state"));
        Files.copy(home.resolve("etc/netcron.env.example"), etc.resolve("netcron.env"));
        // the unit as installed, with the paths of this test's "host"
        String text = Files.readString(home.resolve("systemd/netcron.service"))
                .replace("/opt/netcron", home.toString())
                .replace("/etc/netcron", etc.toString())
                .replace("/var/lib/netcron", state.toString());
        Path unit = Files.writeString(directory.resolve("netcron.service"), text);
        Process process = new ProcessBuilder("systemd-analyze", "verify", unit.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).as("systemd-analyze's complaints").doesNotContain(unit.getFileName().toString());
    }

    private static boolean onPath(String command)
    {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String entry : path.split(":")) {
            if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, command))) {
                return true;
            }
        }
        return false;
    }
}
