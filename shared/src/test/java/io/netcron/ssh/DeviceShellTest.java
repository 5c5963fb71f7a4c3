package io.netcron.ssh;

import io.netcron.credentials.Credential;
import io.netcron.credentials.Secret;
import io.netcron.job.Deadline;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static io.netcron.ssh.SshTesting.client;
import static io.netcron.ssh.SshTesting.login;
import static io.netcron.ssh.SshTesting.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DeviceShellTest
{
    private static FakeDevice device;
    private static FakeDevice silent;
    private final SshClient client = client(new InMemoryHostKeyStore());

    @BeforeAll
    static void start()
            throws IOException
    {
        device = FakeDevice.builder().start();
        silent = FakeDevice.builder().silent().start();
    }

    @AfterAll
    static void stop()
            throws IOException
    {
        device.close();
        silent.close();
    }

    @Test
    void learnsThePromptAfterTheBannerAndTurnsPagingOff()
            throws TargetException
    {
        device.shellCommands.clear();
        try (DeviceShell shell = client.openShell(target(device, login()), Deadline.none())) {
            assertThat(shell.prompt()).isEqualTo("edge1>");
            assertThat(shell.privileged()).isFalse();
            assertThat(device.shellCommands).containsExactly("terminal length 0");
        }
    }

    @Test
    void showVersionWithPagingOffIsTheWholeOutput()
            throws TargetException
    {
        try (DeviceShell shell = client.openShell(target(device, login()), Deadline.none())) {
            assertThat(shell.send("show version", Deadline.none())).isEqualTo(FakeDevice.SHOW_VERSION);
        }
    }

    @Test
    void pagerIsAnsweredAndLeavesNoTraceInTheOutput()
            throws TargetException
    {
        try (DeviceShell shell = client.openShell(target(device, login()).withoutPagingOff(), Deadline.none())) {
            String output = shell.send("show version", Deadline.none());

            assertThat(output).isEqualTo(FakeDevice.SHOW_VERSION);
            assertThat(output).doesNotContain("More").doesNotContain("\b");
        }
    }

    @Test
    void enableEntersPrivilegedModeWithTheEnableSecret()
            throws TargetException
    {
        try (DeviceShell shell = client.openShell(target(device, login()), Deadline.none())) {
            shell.enable(Deadline.none());

            assertThat(shell.prompt()).isEqualTo("edge1#");
            assertThat(shell.privileged()).isTrue();
            assertThat(shell.send("show version", Deadline.none())).isEqualTo(FakeDevice.SHOW_VERSION);
        }
    }

    @Test
    void wrongEnableSecretIsAuthFailed()
            throws TargetException
    {
        Credential wrongEnable = new Credential("edge-wrong-enable", Map.of(
                Credential.USERNAME, Secret.of(FakeDevice.USER),
                Credential.PASSWORD, Secret.of(FakeDevice.PASSWORD),
                Credential.ENABLE, Secret.of("not-the-enable-secret")));
        try (DeviceShell shell = client.openShell(target(device, wrongEnable), Deadline.none())) {
            TargetException failure = catchThrowableOfType(TargetException.class, () -> shell.enable(Deadline.none()));

            assertThat(failure.outcome()).isEqualTo(Outcome.AUTH_FAILED);
            assertThat(failure.getMessage()).isEqualTo("enable refused by 127.0.0.1:" + device.port() + " (prompt is still edge1>)");
        }
    }

    @Test
    void unknownCommandOutputIsReturnedAsTheDeviceSaysIt()
            throws TargetException
    {
        try (DeviceShell shell = client.openShell(target(device, login()), Deadline.none())) {
            assertThat(shell.send("show bogus", Deadline.none())).contains("% Invalid input detected at '^' marker.");
        }
    }

    @Test
    void configuredPromptRegexIsUsedInsteadOfLearning()
            throws TargetException
    {
        SshTarget target = target(device, login()).withPrompt(Pattern.compile("edge\\d[>#]"));
        try (DeviceShell shell = client.openShell(target, Deadline.none())) {
            shell.enable(Deadline.none());

            assertThat(shell.prompt()).isEqualTo("edge1#");
        }
    }

    @Test
    void deviceThatNeverSendsItsPromptTimesOutWithinTheCommandTimeout()
    {
        SshTarget target = target(silent, login()).withCommandTimeout(Duration.ofMillis(400));
        long start = System.nanoTime();

        TargetException failure = catchThrowableOfType(TargetException.class, () -> client.openShell(target, Deadline.none()));

        assertThat(failure.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(failure.getMessage()).isEqualTo("no prompt from 127.0.0.1:" + silent.port() + " within 400 ms after login");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void closingTheShellFromAnotherThreadEndsABlockedCommand()
            throws Exception
    {
        device.hanging.drainPermits();
        DeviceShell shell = client.openShell(target(device, login()), Deadline.none());
        CompletableFuture<String> blocked = SshTesting.inBackground(() -> shell.send("debug hang", Deadline.none()));
        assertThat(device.hanging.tryAcquire(5, TimeUnit.SECONDS)).isTrue();

        shell.close();

        assertThatThrownBy(() -> blocked.get(2, TimeUnit.SECONDS))
                .hasCauseInstanceOf(TargetException.class)
                .cause().hasMessage("SSH session to 127.0.0.1:" + device.port() + " was closed (cancelled)");
    }
}
