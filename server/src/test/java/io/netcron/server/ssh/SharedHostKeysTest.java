package io.netcron.server.ssh;

import io.netcron.credentials.Credential;
import io.netcron.credentials.Credentials;
import io.netcron.job.Deadline;
import io.netcron.server.testing.TestDatabase;
import io.netcron.ssh.HostKeyStore;
import io.netcron.ssh.PinnedHostKey;
import io.netcron.ssh.SshClient;
import io.netcron.ssh.SshSettings;
import io.netcron.ssh.SshTarget;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
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
    private static final Credential LOGIN = Credential.login("server-login", "admin", "s3cret");

    private static TestDatabase database;

    @BeforeAll
    static void create()
    {
        database = TestDatabase.create(SharedHostKeysTest.class);
    }

    @AfterAll
    static void drop()
    {
        database.close();
    }

    @Test
    void keyPinnedByOneNodeIsCheckedByAnotherAndAChangeWaitsForAnOperator()
            throws Exception
    {
        SshClient nodeA = client();
        SshClient nodeB = client();
        KeyPair first = hostKey();
        KeyPair second = hostKey();
        int port;
        try (Server server = Server.start(first, 0)) {
            port = server.port();
            assertThat(nodeA.exec(target(port), "echo a", Deadline.none()).stdout()).isEqualTo("a\n");
            assertThat(nodeB.exec(target(port), "echo b", Deadline.none()).stdout()).isEqualTo("b\n");
        }
        PinnedHostKey pinned = store().lookup("127.0.0.1", port).orElseThrow();
        assertThat(pinned.key().orElseThrow().fingerprint()).isEqualTo(KeyUtils.getFingerPrint(first.getPublic()));

        try (Server restarted = Server.start(second, port)) {
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

    private static KeyPair hostKey()
            throws GeneralSecurityException
    {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    /** A MINA SSHD server on 127.0.0.1 whose only command is {@code echo}. */
    private record Server(SshServer sshd)
            implements AutoCloseable
    {
        static Server start(KeyPair hostKey, int port)
                throws IOException
        {
            SshServer sshd = SshServer.setUpDefaultServer();
            sshd.setHost("127.0.0.1");
            sshd.setPort(port);
            sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
            sshd.setPasswordAuthenticator((user, password, session) -> "admin".equals(user) && "s3cret".equals(password));
            sshd.setCommandFactory((channel, command) -> new Echo(command));
            sshd.start();
            return new Server(sshd);
        }

        int port()
        {
            return sshd.getPort();
        }

        @Override
        public void close()
                throws IOException
        {
            sshd.stop(true);
        }
    }

    private static final class Echo
            implements Command
    {
        private final String command;
        private OutputStream out;
        private ExitCallback exit;

        Echo(String command)
        {
            this.command = command;
        }

        @Override
        public void start(ChannelSession channel, Environment environment)
                throws IOException
        {
            out.write((command.replaceFirst("^echo ", "") + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            exit.onExit(0);
        }

        @Override
        public void destroy(ChannelSession channel)
        {
        }

        @Override
        public void setInputStream(InputStream in)
        {
        }

        @Override
        public void setOutputStream(OutputStream out)
        {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err)
        {
        }

        @Override
        public void setExitCallback(ExitCallback callback)
        {
            this.exit = callback;
        }
    }
}
