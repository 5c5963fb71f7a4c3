package io.netcron.ssh;

import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

import static io.netcron.ssh.FakeDevice.ENABLE_SECRET;
import static io.netcron.ssh.FakeDevice.PAGE_LINES;

/** A command of {@link FakeDevice}, run in its own virtual thread as MINA expects of a command: exec commands and the CLI. */
abstract class FakeDeviceCommand
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

    /** Never returns until the session ends; tells the test through {@link FakeDevice#hanging}. */
    static void hang(FakeDevice device)
            throws InterruptedException
    {
        device.hanging.release();
        new java.util.concurrent.CountDownLatch(1).await();
    }

    static final class Exec
            extends FakeDeviceCommand
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
                hang(device);
            }
            print(err, "unknown command: " + command + "\n");
            return 127;
        }
    }

    /** The device CLI, byte by byte as a terminal sends it: echo, CR or LF ends a line. */
    static final class Cli
            extends FakeDeviceCommand
    {
        private final FakeDevice device;
        private final boolean silent;
        private boolean paging = true;
        private boolean enabled;

        Cli(FakeDevice device, boolean silent)
        {
            this.device = device;
            this.silent = silent;
            this.enabled = device.privileged;
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
                print(out, device.junos ? device.user + "@" + device.hostname + "> " : device.hostname + (enabled ? "#" : ">"));
                Optional<String> line = readLine(true);
                if (line.isEmpty()) {
                    return 0;
                }
                String command = line.get().strip();
                device.shellCommands.add(command);
                if (device.hangingCommands.contains(command)) {
                    hang(device);
                }
                if (device.junos ? junos(command) : ios(command)) {
                    return 0;
                }
            }
        }

        /** One IOS command; true when the session ends. */
        private boolean ios(String command)
                throws IOException
        {
            switch (command) {
                case "" -> {
                }
                case "terminal length 0", "no page" -> paging = false;
                case "enable" -> enable();
                case "disable" -> enabled = false;
                case "exit" -> {
                    return true;
                }
                default -> {
                    if (!command.startsWith("terminal ")) {
                        answer(command, "                ^\r\n% Invalid input detected at '^' marker.\r\n\r\n");
                    }
                }
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
            Supplier<String> answer = device.answers.get(command);
            if (answer == null) {
                print(out, unknown);
            }
            else {
                printPaged(answer.get().replace("\r\n", "\n"));
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
