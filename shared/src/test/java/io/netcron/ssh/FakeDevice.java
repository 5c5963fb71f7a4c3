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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Apache MINA SSHD on 127.0.0.1 acting as a network device CLI, Cisco-like {@code edge1} unless told:
 * a banner, the prompt {@code edge1>} ({@code edge1#} when it logs in {@link Builder#privileged()}),
 * {@code terminal length 0} (or ArubaOS-CX's {@code no page}; other {@code terminal} settings are
 * accepted silently), {@code enable} asking {@code Password:} then {@code edge1#}, a
 * {@code show version} long enough to page with {@code --More--} while paging is on, canned answers
 * per command that a test may change between runs (paged the same way), commands that hang, and exec
 * commands ({@code echo ...}, {@code fail}, {@code hang}). A Junos-like device has the prompt
 * {@code user@name>}, {@code set cli screen-length 0} and no enable. The login is {@link #USER} and
 * {@link #PASSWORD} unless the builder sets another.
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
    /** Cisco IOS XE's {@code show version} (trimmed): a C9300-48P, serial FCW2139L0AB, version 17.03.04a. */
    public static final String IOS_XE_SHOW_VERSION = """
            Cisco IOS XE Software, Version 17.03.04a
            Cisco IOS Software [Amsterdam], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.3.4a, RELEASE SOFTWARE (fc3)
            Technical Support: http://www.cisco.com/techsupport
            Copyright (c) 1986-2021 by Cisco Systems, Inc.

            ROM: IOS-XE ROMMON
            BOOTLDR: System Bootstrap, Version 17.3.2r, RELEASE SOFTWARE (P)

            edge1 uptime is 1 year, 2 weeks, 3 days, 4 hours, 5 minutes
            Uptime for this control processor is 1 year, 2 weeks, 3 days, 4 hours, 7 minutes
            System returned to ROM by Reload Command
            System image file is "flash:packages.conf"

            cisco C9300-48P (X86) processor with 1419044K/6147K bytes of memory.
            Processor board ID FCW2139L0AB
            """;

    private final SshServer server;
    final String hostname;
    final boolean junos;
    final String user;
    final boolean privileged;
    final Map<String, Supplier<String>> answers = new ConcurrentHashMap<>();
    final Set<String> hangingCommands = ConcurrentHashMap.newKeySet();
    final List<String> shellCommands = new CopyOnWriteArrayList<>();
    /** Released each time a command starts to hang (exec {@code hang}, shell {@code debug hang} or a {@link #hangOn} command). */
    final Semaphore hanging = new Semaphore(0);

    private FakeDevice(SshServer server, String hostname, boolean junos, String user, boolean privileged)
    {
        this.server = server;
        this.hostname = hostname;
        this.junos = junos;
        this.user = user;
        this.privileged = privileged;
        answer("show version", SHOW_VERSION);
        hangOn("debug hang");
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
        return answer(command, () -> output);
    }

    /** As {@link #answer(String, String)}, asked again each time the command comes (a timestamp that moves). */
    public FakeDevice answer(String command, Supplier<String> output)
    {
        answers.put(command, output);
        return this;
    }

    /** {@code command} never answers, in the shell: a device that hangs (released through {@link #hanging}). */
    public FakeDevice hangOn(String command)
    {
        hangingCommands.add(command);
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
        private String user = USER;
        private String password = PASSWORD;
        private boolean privileged;
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

        /** The login it accepts instead of {@link #USER} and {@link #PASSWORD}. */
        public Builder login(String user, String password)
        {
            this.user = user;
            this.password = password;
            return this;
        }

        /** The shell starts in privileged mode ({@code name#}), as NX-OS, EOS or a privilege-15 IOS login do. */
        public Builder privileged()
        {
            this.privileged = true;
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

        /** Accepts this public key (SSH blob) for the login user. */
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
            String login = user;
            String secret = password;
            server.setPasswordAuthenticator((offered, offeredPassword, session) -> login.equals(offered) && secret.equals(offeredPassword));
            List<UserAuthFactory> methods = new ArrayList<>();
            if (authorizedKey.isPresent()) {
                byte[] expected = authorizedKey.get();
                server.setPublickeyAuthenticator((offered, key, session) -> login.equals(offered) && Arrays.equals(expected, blob(key)));
                methods.add(UserAuthPublicKeyFactory.INSTANCE);
            }
            methods.add(UserAuthKeyboardInteractiveFactory.INSTANCE);
            if (!keyboardInteractiveOnly) {
                methods.add(UserAuthPasswordFactory.INSTANCE);
            }
            server.setUserAuthFactories(methods);
            FakeDevice device = new FakeDevice(server, hostname, junos, user, privileged);
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
