package io.netcron.jobs.discovery;

import io.netcron.credentials.Credential;
import io.netcron.credentials.Credentials;
import io.netcron.credentials.Secret;
import io.netcron.ssh.InMemoryHostKeyStore;
import io.netcron.ssh.SshClient;
import io.netcron.ssh.SshSettings;
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
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Apache MINA SSHD on 127.0.0.1 acting as a network device CLI: a banner, a prompt
 * ({@code edge1>} then {@code edge1#} after {@code enable}, or Junos' {@code admin@edge1>}), the
 * paging command, and canned answers per command that a test may change between runs. Any other
 * command gets IOS's {@code % Invalid input detected at '^' marker.}; with paging left on, long
 * answers stop at {@code --More--}.
 */
public final class FakeNetworkDevice
        implements AutoCloseable
{
    public static final String USER = "netops";
    public static final String PASSWORD = "device-login-secret";
    public static final String ENABLE_SECRET = "device-enable-secret";
    public static final String CREDENTIAL = "network";

    private final SshServer server;
    private final String hostname;
    private final boolean junos;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    public final List<String> commands = new CopyOnWriteArrayList<>();

    private FakeNetworkDevice(String hostname, boolean junos)
            throws IOException
    {
        this.hostname = hostname;
        this.junos = junos;
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey()));
        server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        server.setShellFactory(channel -> new Cli());
        server.start();
    }

    /** An IOS-like device: {@code name>}, {@code enable}, {@code terminal length 0}. */
    public static FakeNetworkDevice ios(String hostname)
            throws IOException
    {
        return new FakeNetworkDevice(hostname, false);
    }

    /** A Junos-like device: {@code netops@name>}, {@code set cli screen-length 0}. */
    public static FakeNetworkDevice junos(String hostname)
            throws IOException
    {
        return new FakeNetworkDevice(hostname, true);
    }

    /** What {@code command} prints (lines separated by {@code \n}; sent with CR LF as devices do). */
    public FakeNetworkDevice answer(String command, String output)
    {
        answers.put(command, output);
        return this;
    }

    public String hostname()
    {
        return hostname;
    }

    public int port()
    {
        return server.getPort();
    }

    /** The credential the device accepts, as the store holds it under {@link #CREDENTIAL}. */
    public static Credentials credentials()
    {
        return Credentials.of(Map.of(CREDENTIAL, new Credential(CREDENTIAL, Map.of(
                Credential.USERNAME, Secret.of(USER),
                Credential.PASSWORD, Secret.of(PASSWORD),
                Credential.ENABLE, Secret.of(ENABLE_SECRET)))));
    }

    /** An SSH client with short timeouts that trusts any host key on first use. */
    public static SshClient sshClient()
    {
        return new SshClient(SshSettings.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)), credentials(), new InMemoryHostKeyStore());
    }

    @Override
    public void close()
            throws IOException
    {
        server.stop(true);
    }

    private static KeyPair hostKey()
    {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CLI, byte by byte as a terminal sends it: echo, CR or LF ends a line. */
    private final class Cli
            implements Command
    {
        private InputStream in;
        private OutputStream out;
        private ExitCallback exit;
        private Thread thread;
        private boolean enabled;
        private boolean paging = true;

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
                    run();
                    exit.onExit(0);
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

        private void run()
                throws IOException
        {
            print("\r\n" + hostname + ": authorized access only\r\n\r\n");
            while (true) {
                print(junos ? USER + "@" + hostname + "> " : hostname + (enabled ? "#" : ">"));
                Optional<String> line = readLine(true);
                if (line.isEmpty()) {
                    return;
                }
                String command = line.get().strip();
                commands.add(command);
                if (command.isEmpty()) {
                    continue;
                }
                if (command.equals("exit")) {
                    return;
                }
                if (command.equals(junos ? "set cli screen-length 0" : "terminal length 0")) {
                    paging = false;
                    if (junos) {
                        print("Screen length set to 0\r\n");
                    }
                    continue;
                }
                if (!junos && command.equals("enable")) {
                    enable();
                    continue;
                }
                String answer = answers.get(command);
                if (answer == null) {
                    print(junos ? "                 ^\r\nsyntax error.\r\n" : "                ^\r\n% Invalid input detected at '^' marker.\r\n\r\n");
                    continue;
                }
                printPaged(answer);
            }
        }

        private void enable()
                throws IOException
        {
            print("Password: ");
            Optional<String> secret = readLine(false);
            if (secret.isPresent() && secret.get().equals(ENABLE_SECRET)) {
                enabled = true;
            }
            else {
                print("% Bad secrets\r\n\r\n");
            }
        }

        private void printPaged(String answer)
                throws IOException
        {
            String[] lines = answer.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                print(lines[i] + "\r\n");
                if (paging && (i + 1) % 20 == 0 && i + 1 < lines.length) {
                    print(" --More-- ");
                    if (in.read() < 0) {
                        return;
                    }
                    print("\b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\b");
                }
            }
        }

        private Optional<String> readLine(boolean echo)
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
                if (echo) {
                    out.write(c);
                    out.flush();
                }
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
