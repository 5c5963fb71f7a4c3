package io.netcron.ssh;

import io.netcron.job.Deadline;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;
import org.junit.jupiter.api.Test;

import org.apache.sshd.common.config.keys.KeyUtils;

import java.security.KeyPair;

import static io.netcron.ssh.SshTesting.client;
import static io.netcron.ssh.SshTesting.login;
import static io.netcron.ssh.SshTesting.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class HostKeyPinningTest
{
    private final InMemoryHostKeyStore store = new InMemoryHostKeyStore();
    private final SshClient client = client(store);

    @Test
    void firstConnectionPinsTheHostKey()
            throws Exception
    {
        KeyPair hostKey = FakeDevice.newHostKey();
        try (FakeDevice device = FakeDevice.builder().hostKey(hostKey).start()) {
            client.exec(target(device, login()), "echo hi", Deadline.none());

            PinnedHostKey pinned = store.lookup("127.0.0.1", device.port()).orElseThrow();
            assertThat(pinned.key().orElseThrow().type()).isEqualTo("ecdsa-sha2-nistp256");
            assertThat(pinned.key().orElseThrow().fingerprint()).isEqualTo(fingerprint(hostKey));
            assertThat(pinned.pending()).isEmpty();
        }
    }

    @Test
    void sameKeyConnectsAgain()
            throws Exception
    {
        try (FakeDevice device = FakeDevice.builder().start()) {
            client.exec(target(device, login()), "echo one", Deadline.none());

            assertThat(client.exec(target(device, login()), "echo two", Deadline.none()).stdout()).isEqualTo("two\n");
            assertThat(store.list()).hasSize(1);
        }
    }

    @Test
    void changedKeyIsRefusedWithBothFingerprintsAndRecordedAsPending()
            throws Exception
    {
        KeyPair first = FakeDevice.newHostKey();
        KeyPair second = FakeDevice.newHostKey();
        int port;
        try (FakeDevice device = FakeDevice.builder().hostKey(first).start()) {
            port = device.port();
            client.exec(target(device, login()), "echo hi", Deadline.none());
        }
        try (FakeDevice restarted = FakeDevice.builder().hostKey(second).port(port).start()) {
            TargetException failure = catchThrowableOfType(TargetException.class, () -> client.exec(target(restarted, login()), "echo hi", Deadline.none()));

            assertThat(failure.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(failure.getMessage()).isEqualTo("host key of 127.0.0.1:" + port + " changed (was " + fingerprint(first) + ", now " + fingerprint(second)
                    + "); if expected run: netcron hostkeys accept 127.0.0.1:" + port);
            PinnedHostKey known = store.lookup("127.0.0.1", port).orElseThrow();
            assertThat(known.key().orElseThrow().fingerprint()).isEqualTo(fingerprint(first));
            assertThat(known.pending().orElseThrow().fingerprint()).isEqualTo(fingerprint(second));
        }
    }

    @Test
    void afterAcceptingThePendingKeyTheHostConnects()
            throws Exception
    {
        KeyPair second = FakeDevice.newHostKey();
        int port;
        try (FakeDevice device = FakeDevice.builder().start()) {
            port = device.port();
            client.exec(target(device, login()), "echo hi", Deadline.none());
        }
        try (FakeDevice restarted = FakeDevice.builder().hostKey(second).port(port).start()) {
            catchThrowableOfType(TargetException.class, () -> client.exec(target(restarted, login()), "echo hi", Deadline.none()));

            assertThat(store.accept("127.0.0.1", port)).isTrue();

            assertThat(client.exec(target(restarted, login()), "echo accepted", Deadline.none()).stdout()).isEqualTo("accepted\n");
            assertThat(store.lookup("127.0.0.1", port).orElseThrow().key().orElseThrow().fingerprint()).isEqualTo(fingerprint(second));
        }
    }

    @Test
    void strictPolicyRefusesAnUnknownHostUntilAccepted()
            throws Exception
    {
        SshClient strict = client(store, SshSettings.defaults().withTimeouts(SshTesting.CONNECT_TIMEOUT, SshTesting.COMMAND_TIMEOUT)
                .withKnownHostsPolicy(KnownHostsPolicy.STRICT));
        KeyPair hostKey = FakeDevice.newHostKey();
        try (FakeDevice device = FakeDevice.builder().hostKey(hostKey).start()) {
            TargetException failure = catchThrowableOfType(TargetException.class, () -> strict.exec(target(device, login()), "echo hi", Deadline.none()));

            assertThat(failure.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(failure.getMessage()).isEqualTo("host key of 127.0.0.1:" + device.port() + " is not known (" + fingerprint(hostKey)
                    + ") and ssh.known-hosts-policy is strict; if expected run: netcron hostkeys accept 127.0.0.1:" + device.port());
            assertThat(store.accept("127.0.0.1", device.port())).isTrue();
            assertThat(strict.exec(target(device, login()), "echo hi", Deadline.none()).stdout()).isEqualTo("hi\n");
        }
    }

    @Test
    void forgettingAHostPinsItsNextKeyAgain()
            throws Exception
    {
        int port;
        try (FakeDevice device = FakeDevice.builder().start()) {
            port = device.port();
            client.exec(target(device, login()), "echo hi", Deadline.none());
        }
        try (FakeDevice restarted = FakeDevice.builder().port(port).start()) {
            assertThat(store.forget("127.0.0.1", port)).isTrue();

            assertThat(client.exec(target(restarted, login()), "echo again", Deadline.none()).stdout()).isEqualTo("again\n");
        }
    }

    /** MINA's own OpenSSH-style fingerprint, independent of {@link HostKey#fingerprint()}. */
    private static String fingerprint(KeyPair key)
    {
        return KeyUtils.getFingerPrint(key.getPublic());
    }
}
