package io.netcron.ssh;

import io.netcron.credentials.Credential;
import io.netcron.job.Deadline;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;
import io.netcron.testing.LoopbackPorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.netcron.ssh.SshTesting.client;
import static io.netcron.ssh.SshTesting.login;
import static io.netcron.ssh.SshTesting.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SshExecTest
{
    private static FakeDevice device;
    private final SshClient client = client(new InMemoryHostKeyStore());

    @BeforeAll
    static void start()
            throws IOException
    {
        device = FakeDevice.builder().start();
    }

    @AfterAll
    static void stop()
            throws IOException
    {
        device.close();
    }

    @Test
    void execReturnsOutputAndExitCode()
            throws TargetException
    {
        ExecResult result = client.exec(target(device, login()), "echo hello device", Deadline.none());

        assertThat(result).isEqualTo(new ExecResult(0, "hello device\n", "", false));
    }

    @Test
    void execReturnsStderrAndNonZeroExitCode()
            throws TargetException
    {
        ExecResult result = client.exec(target(device, login()), "fail", Deadline.none());

        assertThat(result).isEqualTo(new ExecResult(3, "partial\n", "boom\n", false));
    }

    @Test
    void credentialIsFoundByNameInTheStore()
            throws TargetException
    {
        SshTarget byName = SshTarget.of("127.0.0.1", "edge-login").withPort(device.port());

        assertThat(client.exec(byName, "echo by name", Deadline.none()).stdout()).isEqualTo("by name\n");
    }

    @Test
    void commandThatNeverEndsTimesOutWithinTheCommandTimeout()
    {
        SshTarget target = target(device, login()).withCommandTimeout(Duration.ofMillis(300));
        long start = System.nanoTime();

        TargetException failure = catchThrowableOfType(TargetException.class, () -> client.exec(target, "hang", Deadline.none()));

        assertThat(failure.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(failure.getMessage()).isEqualTo("SSH command 'hang' on 127.0.0.1:" + device.port() + " did not finish within 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void deadlineCapsTheCommandTimeout()
    {
        long start = System.nanoTime();

        assertThatThrownBy(() -> client.exec(target(device, login()), "hang", Deadline.after(Duration.ofMillis(500))))
                .isInstanceOfSatisfying(TargetException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void closedPortIsUnreachable()
            throws IOException
    {
        int closedPort = LoopbackPorts.closed();
        SshTarget target = SshTarget.of("127.0.0.1", login()).withPort(closedPort);

        TargetException failure = catchThrowableOfType(TargetException.class, () -> client.exec(target, "echo x", Deadline.none()));

        assertThat(failure.outcome()).isEqualTo(Outcome.UNREACHABLE);
        assertThat(failure.getMessage()).isEqualTo("SSH connection to 127.0.0.1:" + closedPort + " refused");
    }

    @Test
    void wrongPasswordIsAuthFailedAndTheMessageHoldsNoSecret()
    {
        Credential wrong = Credential.login("wrong", FakeDevice.USER, "not-the-password");

        TargetException failure = catchThrowableOfType(TargetException.class, () -> client.exec(target(device, wrong), "echo x", Deadline.none()));

        assertThat(failure.outcome()).isEqualTo(Outcome.AUTH_FAILED);
        assertThat(failure.getMessage()).startsWith("SSH login to 127.0.0.1:" + device.port() + " as admin refused").doesNotContain("not-the-password");
    }

    @Test
    void unknownCredentialNameFailsNamingIt()
    {
        SshTarget target = SshTarget.of("127.0.0.1", "nobody").withPort(device.port());

        TargetException failure = catchThrowableOfType(TargetException.class, () -> client.exec(target, "echo x", Deadline.none()));

        assertThat(failure.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(failure.getMessage()).contains("unknown credential 'nobody'");
    }

    @Test
    void closingTheSessionFromAnotherThreadEndsABlockedCommand()
            throws Exception
    {
        device.hanging.drainPermits();
        try (SshSession session = client.connect(target(device, login()), Deadline.none())) {
            CompletableFuture<ExecResult> blocked = SshTesting.inBackground(() -> session.exec("hang", Deadline.none()));
            assertThat(device.hanging.tryAcquire(5, TimeUnit.SECONDS)).isTrue();

            session.close();

            assertThatThrownBy(() -> blocked.get(2, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TargetException.class)
                    .cause().hasMessage("SSH session to 127.0.0.1:" + device.port() + " was closed (cancelled)");
        }
    }

    @Test
    void interruptingTheCallingThreadEndsABlockedCommand()
            throws Exception
    {
        device.hanging.drainPermits();
        CompletableFuture<TargetException> failure = new CompletableFuture<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                client.exec(target(device, login()), "hang", Deadline.none());
                failure.complete(null);
            }
            catch (TargetException e) {
                failure.complete(e);
            }
        });
        assertThat(device.hanging.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
        // JSch swallows an interrupt while it opens the channel; ours is seen once the output is awaited
        await().atMost(Duration.ofSeconds(5)).until(() -> Arrays.stream(caller.getStackTrace()).anyMatch(frame -> frame.getMethodName().equals("awaitClosed")));

        caller.interrupt();

        assertThat(failure.get(2, TimeUnit.SECONDS)).hasMessage("SSH command on 127.0.0.1:" + device.port() + " interrupted");
    }
}
