package io.netcron.ssh;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;

/**
 * Apache MINA SSHD on 127.0.0.1 acting as a Cisco-like device {@code edge1}: a banner, the prompt
 * {@code edge1>}, {@code terminal length 0}, {@code enable} asking {@code Password:} then
 * {@code edge1#}, a {@code show version} long enough to page with {@code --More--} while paging is
 * on, and exec commands ({@code echo ...}, {@code fail}, {@code hang}).
 */
final class FakeDevice
        implements AutoCloseable
{
    static final String USER = "admin";
    static final String PASSWORD = "s3cret-login";
    static final String ENABLE_SECRET = "s3cret-enable";
    static final int VERSION_LINES = 60;
    static final int PAGE_LINES = 20;

    private final SshServer server;
    final List<String> shellCommands = new CopyOnWriteArrayList<>();
    /** Released each time a command starts to hang (exec {@code hang}, shell {@code debug hang}). */
    final Semaphore hanging = new Semaphore(0);

    private FakeDevice(SshServer server)
    {
        this.server = server;
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

    static Builder builder()
    {
        return new Builder();
    }

    int port()
    {
        return server.getPort();
    }

    @Override
    public void close()
            throws IOException
    {
        server.stop(true);
    }

    static final class Builder
    {
        private KeyPair hostKey = newHostKey();
        private int port;
        private Optional<byte[]> authorizedKey = Optional.empty();
        private boolean keyboardInteractiveOnly;
        private boolean silent;

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

        FakeDevice start()
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
            FakeDevice device = new FakeDevice(server);
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
            print(out, "\r\n**********************************\r\n* edge1: authorized access only! *\r\n**********************************\r\n\r\n");
            if (silent) {
                new java.util.concurrent.CountDownLatch(1).await();
            }
            while (true) {
                print(out, enabled ? "edge1#" : "edge1>");
                Optional<String> line = readLine(true);
                if (line.isEmpty()) {
                    return 0;
                }
                String command = line.get().strip();
                device.shellCommands.add(command);
                switch (command) {
                    case "" -> {
                    }
                    case "terminal length 0" -> paging = false;
                    case "enable" -> enable();
                    case "disable" -> enabled = false;
                    case "show version" -> showVersion();
                    case "debug hang" -> {
                        device.hanging.release();
                        new java.util.concurrent.CountDownLatch(1).await();
                    }
                    case "exit" -> {
                        return 0;
                    }
                    default -> print(out, "                ^\r\n% Invalid input detected at '^' marker.\r\n\r\n");
                }
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

        private void showVersion()
                throws IOException
        {
            for (int i = 1; i <= VERSION_LINES; i++) {
                print(out, "Cisco IOS Software, version line " + i + "\r\n");
                if (paging && i % PAGE_LINES == 0 && i < VERSION_LINES) {
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
