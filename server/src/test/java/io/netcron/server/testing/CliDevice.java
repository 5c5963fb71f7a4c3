package io.netcron.server.testing;

import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A network device's CLI over SSH on 127.0.0.1 (Apache MINA SSHD): password login, a banner, the
 * prompt {@code <hostname>#}, echo as a terminal does, {@code terminal ...} accepted silently, the
 * given commands answered, anything else "% Invalid command". Records every command it received.
 */
public final class CliDevice
        implements AutoCloseable
{
    private final SshServer server;
    private final List<String> commands = new CopyOnWriteArrayList<>();

    private CliDevice(SshServer server)
    {
        this.server = server;
    }

    /** {@code answers}: command to output (lines joined with CRLF by the device); a supplier is asked on each call. */
    public static CliDevice start(String hostname, String user, String password, Map<String, Supplier<String>> answers)
            throws Exception
    {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        server.setKeyPairProvider(KeyPairProvider.wrap(generator.generateKeyPair()));
        server.setPasswordAuthenticator((login, secret, session) -> user.equals(login) && password.equals(secret));
        CliDevice device = new CliDevice(server);
        server.setShellFactory(channel -> device.new Shell(hostname, answers));
        server.start();
        return device;
    }

    public int port()
    {
        return server.getPort();
    }

    public List<String> commands()
    {
        return List.copyOf(commands);
    }

    @Override
    public void close()
            throws IOException
    {
        server.stop(true);
    }

    private final class Shell
            implements Command
    {
        private final String hostname;
        private final Map<String, Supplier<String>> answers;
        private InputStream in;
        private OutputStream out;
        private ExitCallback exit;
        private Thread thread;

        Shell(String hostname, Map<String, Supplier<String>> answers)
        {
            this.hostname = hostname;
            this.answers = answers;
        }

        @Override
        public void setInputStream(InputStream in)
        {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out)
        {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {}

        @Override
        public void setExitCallback(ExitCallback callback)
        {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment environment)
        {
            thread = Thread.ofVirtual().start(() -> {
                try {
                    exit.onExit(run());
                }
                catch (IOException e) {
                    exit.onExit(255);
                }
            });
        }

        @Override
        public void destroy(ChannelSession channel)
        {
            if (thread != null) {
                thread.interrupt();
            }
        }

        private int run()
                throws IOException
        {
            print("\r\nUser Access Verification\r\n\r\n");
            while (true) {
                print(hostname + "# ");
                Optional<String> line = readLine();
                if (line.isEmpty()) {
                    return 0;
                }
                String command = line.get().strip();
                if (command.isEmpty()) {
                    continue;
                }
                commands.add(command);
                if (command.equals("exit")) {
                    return 0;
                }
                Supplier<String> answer = answers.get(command);
                if (answer != null) {
                    print(answer.get().replace("\r\n", "\n").replace("\n", "\r\n"));
                }
                else if (!command.startsWith("terminal ")) {
                    print("% Invalid command at '^' marker.\r\n");
                }
            }
        }

        private Optional<String> readLine()
                throws IOException
        {
            StringBuilder line = new StringBuilder();
            while (true) {
                int c = in.read();
                if (c < 0) {
                    return Optional.empty();
                }
                if (c == '\r' || c == '\n') {
                    print("\r\n");
                    return Optional.of(line.toString());
                }
                line.append((char) c);
                out.write(c);
                out.flush();
            }
        }

        private void print(String text)
                throws IOException
        {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }
}
