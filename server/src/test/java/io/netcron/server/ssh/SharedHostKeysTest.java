package io.netcron.server.ssh;

import io.netcron.credentials.Credential;
import io.netcron.credentials.Credentials;
import io.netcron.job.Deadline;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.TestDatabase;
import io.netcron.ssh.FakeDevice;
import io.netcron.ssh.HostKeyStore;
import io.netcron.ssh.PinnedHostKey;
import io.netcron.ssh.SshClient;
import io.netcron.ssh.SshSettings;
import io.netcron.ssh.SshTarget;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Two "nodes" (two SSH clients, each with its own store object) on one database: a key pinned by
 * one is checked by the other, a changed key is refused by both and waits in the table until accepted.
 */
class SharedHostKeysTest
{
    private static final Credential LOGIN = FakeDevice.login("server-login");

    @ClassDatabase
    private static TestDatabase database;

    @Test
    void keyPinnedByOneNodeIsCheckedByAnotherAndAChangeWaitsForAnOperator()
            throws Exception
    {
        SshClient nodeA = client();
        SshClient nodeB = client();
        KeyPair first = FakeDevice.newHostKey();
        KeyPair second = FakeDevice.newHostKey();
        int port;
        try (FakeDevice device = FakeDevice.builder().hostKey(first).start()) {
            port = device.port();
            assertThat(nodeA.exec(target(port), "echo a", Deadline.none()).stdout()).isEqualTo("a\n");
            assertThat(nodeB.exec(target(port), "echo b", Deadline.none()).stdout()).isEqualTo("b\n");
        }
        PinnedHostKey pinned = store().lookup("127.0.0.1", port).orElseThrow();
        assertThat(pinned.key().orElseThrow().fingerprint()).isEqualTo(KeyUtils.getFingerPrint(first.getPublic()));

        try (FakeDevice restarted = FakeDevice.builder().hostKey(second).port(port).start()) {
            TargetException refused = catchThrowableOfType(TargetException.class, () -> nodeB.exec(target(port), "echo b", Deadline.none()));

            assertThat(refused.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(refused.getMessage()).isEqualTo("host key of 127.0.0.1:" + port + " changed (was " + KeyUtils.getFingerPrint(first.getPublic())
                    + ", now " + KeyUtils.getFingerPrint(second.getPublic()) + "); if expected run: netcron hostkeys accept 127.0.0.1:" + port);
            assertThat(store().lookup("127.0.0.1", port).orElseThrow().pending().orElseThrow().fingerprint())
                    .isEqualTo(KeyUtils.getFingerPrint(second.getPublic()));
            assertThat(catchThrowableOfType(TargetException.class, () -> nodeA.exec(target(port), "echo a", Deadline.none())).outcome())
                    .isEqualTo(Outcome.FAILED);

            assertThat(store().accept("127.0.0.1", port)).isTrue();

            assertThat(nodeA.exec(target(port), "echo accepted", Deadline.none()).stdout()).isEqualTo("accepted\n");
        }
    }

    private static HostKeyStore store()
    {
        return new DatabaseHostKeyStore(database.migratedPool());
    }

    private static SshClient client()
    {
        return new SshClient(SshSettings.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)), Credentials.of(Map.of()), store());
    }

    private static SshTarget target(int port)
    {
        return SshTarget.of("127.0.0.1", LOGIN).withPort(port);
    }
}
