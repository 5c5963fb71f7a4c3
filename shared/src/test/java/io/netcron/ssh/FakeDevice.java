package io.netcron.ssh;

import io.netcron.credentials.Credential;
import io.netcron.credentials.Credentials;
import io.netcron.credentials.Secret;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.UserAuthFactory;
import org.apache.sshd.server.auth.keyboard.UserAuthKeyboardInteractiveFactory;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Apache MINA SSHD on 127.0.0.1 acting as a network device CLI, Cisco-like {@code edge1} unless told:
 * a banner, the prompt {@code edge1>}, {@code terminal length 0}, {@code enable} asking
 * {@code Password:} then {@code edge1#}, a {@code show version} long enough to page with
 * {@code --More--} while paging is on, canned answers per command that a test may change between
 * runs (paged the same way), and exec commands ({@code echo ...}, {@code fail}, {@code hang}).
 * A Junos-like device has the prompt {@code admin@name>}, {@code set cli screen-length 0} and no enable.
 */
public final class FakeDevice
        implements AutoCloseable
{
    public static final String USER = "admin";
    public static final String PASSWORD = "s3cret-login";
    public static final String ENABLE_SECRET = "s3cret-enable";
    static final int VERSION_LINES = 60;
    static final int PAGE_LINES = 20;

    private final SshServer server;
    private final String hostname;
    private final boolean junos;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    final List<String> shellCommands = new CopyOnWriteArrayList<>();
    /** Released each time a command starts to hang (exec {@code hang}, shell {@code debug hang}). */
    final Semaphore hanging = new Semaphore(0);

    private FakeDevice(SshServer server, String hostname, boolean junos)
    {
        this.server = server;
        this.hostname = hostname;
        this.junos = junos;
        answers.put("show version", IntStream.rangeClosed(1, VERSION_LINES)
                .mapToObj(i -> "Cisco IOS Software, version line " + i)
                .collect(Collectors.joining("\n")));
    }

    /** An IOS-like device: {@code name>}, {@code enable}, {@code terminal length 0}. */
    public static FakeDevice ios(String hostname)
            throws IOException
    {
        return builder().hostname(hostname).start();
    }

    /** A Junos-like device: {@code admin@name>}, {@code set cli screen-length 0}. */
    public static FakeDevice junos(String hostname)
            throws IOException
    {
        return builder().hostname(hostname).junos().start();
    }

    /** The login the device accepts (user, password, enable secret), as a store holds it under {@code name}. */
    public static Credential login(String name)
    {
        Map<String, Secret> fields = new LinkedHashMap<>();
        fields.put(Credential.USERNAME, Secret.of(USER));
        fields.put(Credential.PASSWORD, Secret.of(PASSWORD));
        fields.put(Credential.ENABLE, Secret.of(ENABLE_SECRET));
        return new Credential(name, fields);
    }

    /** A store holding only {@link #login(String)} under {@code name}. */
    public static Credentials credentials(String name)
    {
        return Credentials.of(Map.of(name, login(name)));
    }

    /** An SSH client with short timeouts that trusts any host key on first use. */
    public static SshClient client(Credentials credentials)
    {
        return new SshClient(SshSettings.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)), credentials, new InMemoryHostKeyStore());
    }

    /** What {@code command} prints in the shell (lines separated by {@code \n}; sent with CR LF as devices do). */
    public FakeDevice answer(String command, String output)
    {
        answers.put(command, output);
        return this;
    }

    public String hostname()
    {
        return hostname;
    }

    /** The shell commands received so far, in order. */
    public List<String> commands()
    {
        return List.copyOf(shellCommands);
    }

    static KeyPair newHostKey()
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

    public static Builder builder()
    {
        return new Builder();
    }

    public int port()
    {
        return server.getPort();
    }

    @Override
    public void close()
            throws IOException
    {
        server.stop(true);
    }

    public static final class Builder
    {
        private String hostname = "edge1";
        private boolean junos;
        private KeyPair hostKey = newHostKey();
        private int port;
        private Optional<byte[]> authorizedKey = Optional.empty();
        private boolean keyboardInteractiveOnly;
        private boolean silent;

        public Builder hostname(String value)
        {
            this.hostname = value;
            return this;
        }

        public Builder junos()
        {
            this.junos = true;
            return this;
        }

        Builder hostKey(KeyPair key)
        {
            this.hostKey = key;
            return this;
        }

        Builder port(int value)
        {
            this.port = value;
            return this;
        }

        /** Accepts this public key (SSH blob) for {@link #USER}. */
        Builder authorizedKey(byte[] blob)
        {
            this.authorizedKey = Optional.of(blob);
            return this;
        }

        /** Offers keyboard-interactive only (no "password" method). */
        Builder keyboardInteractiveOnly()
        {
            this.keyboardInteractiveOnly = true;
            return this;
        }

        /** A shell that prints its banner and never a prompt. */
        Builder silent()
        {
            this.silent = true;
            return this;
        }

        public FakeDevice start()
                throws IOException
        {
            SshServer server = SshServer.setUpDefaultServer();
            server.setHost("127.0.0.1");
            server.setPort(port);
            server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
            server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
            List<UserAuthFactory> methods = new ArrayList<>();
            if (authorizedKey.isPresent()) {
                byte[] expected = authorizedKey.get();
                server.setPublickeyAuthenticator((user, key, session) -> USER.equals(user) && Arrays.equals(expected, blob(key)));
                methods.add(UserAuthPublicKeyFactory.INSTANCE);
            }
            methods.add(UserAuthKeyboardInteractiveFactory.INSTANCE);
            if (!keyboardInteractiveOnly) {
                methods.add(UserAuthPasswordFactory.INSTANCE);
            }
            server.setUserAuthFactories(methods);
            FakeDevice device = new FakeDevice(server, hostname, junos);
            server.setShellFactory(channel -> new Cli(device, silent));
            server.setCommandFactory((channel, command) -> new Exec(device, command));
            server.start();
            return device;
        }

        private static byte[] blob(java.security.PublicKey key)
        {
            ByteArrayBuffer buffer = new ByteArrayBuffer();
            buffer.putRawPublicKey(key);
            return buffer.getCompactData();
        }
    }

    /** A command run in its own virtual thread, as MINA expects of a command. */
    private abstract static class Base
            implements Command
    {
        InputStream in;
        OutputStream out;
        OutputStream err;
        ExitCallback exit;
        private Thread thread;

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
        public void setErrorStream(OutputStream err)
        {
            this.err = err;
        }

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
                catch (IOException | InterruptedException e) {
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

        abstract int run()
                throws IOException, InterruptedException;

        void print(OutputStream stream, String text)
                throws IOException
        {
            stream.write(text.getBytes(StandardCharsets.UTF_8));
            stream.flush();
        }
    }

    private static final class Exec
            extends Base
    {
        private final FakeDevice device;
        private final String command;

        Exec(FakeDevice device, String command)
        {
            this.device = device;
            this.command = command;
        }

        @Override
        int run()
                throws IOException, InterruptedException
        {
            if (command.startsWith("echo ")) {
                print(out, command.substring(5) + "\n");
                return 0;
            }
            if (command.equals("fail")) {
                print(out, "partial\n");
                print(err, "boom\n");
                return 3;
            }
            if (command.equals("hang")) {
                device.hanging.release();
                new java.util.concurrent.CountDownLatch(1).await();
            }
            print(err, "unknown command: " + command + "\n");
            return 127;
        }
    }

    /** The device CLI, byte by byte as a terminal sends it: echo, CR or LF ends a line. */
    private static final class Cli
            extends Base
    {
        private final FakeDevice device;
        private final boolean silent;
        private boolean paging = true;
        private boolean enabled;

        Cli(FakeDevice device, boolean silent)
        {
            this.device = device;
            this.silent = silent;
        }

        @Override
        int run()
                throws IOException, InterruptedException
        {
            String banner = "* " + device.hostname + ": authorized access only! *";
            String stars = "*".repeat(banner.length());
            print(out, "\r\n" + stars + "\r\n" + banner + "\r\n" + stars + "\r\n\r\n");
            if (silent) {
                new java.util.concurrent.CountDownLatch(1).await();
            }
            while (true) {
                print(out, device.junos ? USER + "@" + device.hostname + "> " : device.hostname + (enabled ? "#" : ">"));
                Optional<String> line = readLine(true);
                if (line.isEmpty()) {
                    return 0;
                }
                String command = line.get().strip();
                device.shellCommands.add(command);
                if (device.junos ? junos(command) : ios(command)) {
                    return 0;
                }
            }
        }

        /** One IOS command; true when the session ends. */
        private boolean ios(String command)
                throws IOException, InterruptedException
        {
            switch (command) {
                case "" -> {
                }
                case "terminal length 0" -> paging = false;
                case "enable" -> enable();
                case "disable" -> enabled = false;
                case "debug hang" -> {
                    device.hanging.release();
                    new java.util.concurrent.CountDownLatch(1).await();
                }
                case "exit" -> {
                    return true;
                }
                default -> answer(command, "                ^\r\n% Invalid input detected at '^' marker.\r\n\r\n");
            }
            return false;
        }

        /** One Junos command; true when the session ends. */
        private boolean junos(String command)
                throws IOException
        {
            switch (command) {
                case "" -> {
                }
                case "set cli screen-length 0" -> {
                    paging = false;
                    print(out, "Screen length set to 0\r\n");
                }
                case "exit" -> {
                    return true;
                }
                default -> answer(command, "                 ^\r\nsyntax error.\r\n");
            }
            return false;
        }

        private void answer(String command, String unknown)
                throws IOException
        {
            String answer = device.answers.get(command);
            if (answer == null) {
                print(out, unknown);
            }
            else {
                printPaged(answer);
            }
        }

        private void enable()
                throws IOException
        {
            print(out, "Password: ");
            Optional<String> secret = readLine(false);
            if (secret.isPresent() && secret.get().equals(ENABLE_SECRET)) {
                enabled = true;
            }
            else {
                print(out, "% Bad secrets\r\n\r\n");
            }
        }

        private void printPaged(String answer)
                throws IOException
        {
            String[] lines = answer.split("\n", -1);
            for (int i = 1; i <= lines.length; i++) {
                print(out, lines[i - 1] + "\r\n");
                if (paging && i % PAGE_LINES == 0 && i < lines.length) {
                    print(out, " --More-- ");
                    int key = in.read();
                    if (key < 0) {
                        return;
                    }
                    print(out, "\b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\b");
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
                    print(out, "\r\n");
                    return Optional.of(line.toString());
                }
                line.append((char) c);
                if (echo) {
                    out.write(c);
                    out.flush();
                }
            }
        }
    }
}
