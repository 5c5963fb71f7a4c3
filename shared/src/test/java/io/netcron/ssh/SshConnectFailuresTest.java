package io.netcron.ssh;

import io.netcron.job.Deadline;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.netcron.ssh.SshTesting.client;
import static io.netcron.ssh.SshTesting.login;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Peers that are not SSH servers at all, on loopback. */
class SshConnectFailuresTest
{
    private final SshClient client = client(new InMemoryHostKeyStore());

    @Test
    void serverThatAcceptsButNeverSpeaksSshTimesOut()
            throws IOException
    {
        // the kernel completes the TCP handshake for a listening socket; nobody ever writes the SSH banner
        try (ServerSocket mute = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            SshTarget target = SshTarget.of("127.0.0.1", login()).withPort(mute.getLocalPort()).withConnectTimeout(Duration.ofMillis(300));
            long start = System.nanoTime();

            TargetException failure = catchThrowableOfType(TargetException.class, () -> client.exec(target, "echo x", Deadline.none()));

            assertThat(failure.outcome()).isEqualTo(Outcome.TIMEOUT);
            assertThat(failure.getMessage()).isEqualTo("no SSH answer from 127.0.0.1:" + mute.getLocalPort() + " within 300 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void deadlineCapsTheConnectTimeout()
            throws IOException
    {
        try (ServerSocket mute = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            SshTarget target = SshTarget.of("127.0.0.1", login()).withPort(mute.getLocalPort());

            TargetException failure = catchThrowableOfType(TargetException.class, () -> client.exec(target, "echo x", Deadline.after(Duration.ofMillis(200))));

            assertThat(failure.outcome()).isEqualTo(Outcome.TIMEOUT);
            assertThat(failure.getMessage()).matches("no SSH answer from 127\\.0\\.0\\.1:\\d+ within 1?\\d\\d ms");
        }
    }

    @Test
    void connectionThatIsNeverEstablishedIsUnreachable()
            throws IOException
    {
        // a full accept queue: Linux drops further SYNs, so the TCP connect itself times out
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Socket socket = new Socket();
                    try {
                        socket.connect(full.getLocalSocketAddress(), 200);
                        fillers.add(socket);
                    }
                    catch (IOException e) {
                        socket.close();
                    }
                }
                SshTarget target = SshTarget.of("127.0.0.1", login()).withPort(full.getLocalPort()).withConnectTimeout(Duration.ofMillis(300));

                TargetException failure = catchThrowableOfType(TargetException.class, () -> client.exec(target, "echo x", Deadline.none()));

                assertThat(failure.outcome()).isEqualTo(Outcome.UNREACHABLE);
                assertThat(failure.getMessage()).isEqualTo("SSH connect to 127.0.0.1:" + full.getLocalPort() + " timed out after 300 ms");
            }
            finally {
                for (Socket socket : fillers) {
                    socket.close();
                }
            }
        }
    }
}
