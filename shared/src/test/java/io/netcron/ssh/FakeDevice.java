package io.netcron.ssh;

import io.netcron.credentials.Credential;
import io.netcron.credentials.Credentials;
import io.netcron.credentials.Secret;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.UserAuthFactory;
import org.apache.sshd.server.auth.keyboard.UserAuthKeyboardInteractiveFactory;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;

import java.io.IOException;
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
    /** What {@code show version} prints: long enough to page. */
    static final String SHOW_VERSION = IntStream.rangeClosed(1, VERSION_LINES)
            .mapToObj(i -> "Cisco IOS Software, version line " + i)
            .collect(Collectors.joining("\n"));

    private final SshServer server;
    final String hostname;
    final boolean junos;
    final Map<String, String> answers = new ConcurrentHashMap<>();
    final List<String> shellCommands = new CopyOnWriteArrayList<>();
    /** Released each time a command starts to hang (exec {@code hang}, shell {@code debug hang}). */
    final Semaphore hanging = new Semaphore(0);

    private FakeDevice(SshServer server, String hostname, boolean junos)
    {
        this.server = server;
        this.hostname = hostname;
        this.junos = junos;
        answers.put("show version", SHOW_VERSION);
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

    public static KeyPair newHostKey()
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

        public Builder hostKey(KeyPair key)
        {
            this.hostKey = key;
            return this;
        }

        public Builder port(int value)
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
            server.setShellFactory(channel -> new FakeDeviceCommand.Cli(device, silent));
            server.setCommandFactory((channel, command) -> new FakeDeviceCommand.Exec(device, command));
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
}
