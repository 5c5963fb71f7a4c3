package io.netcron.ssh;

import com.jcraft.jsch.ChannelShell;
import com.jcraft.jsch.JSchException;
import io.netcron.credentials.Credential;
import io.netcron.credentials.Secret;
import io.netcron.job.Deadline;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A network device's interactive CLI: the prompt is learned after login ({@code router1>},
 * {@code router1#}, {@code user@host>}; or given as a regex on the target), paging is turned off
 * ({@code terminal length 0} or the target's command) and any pager still shown ({@code --More--},
 * {@code -- MORE --, next page: Space}, ...) is answered with a space and removed from the output.
 * {@link #close()} from another thread ends a blocked command.
 */
public final class DeviceShell
        implements AutoCloseable
{
    /** A whole last line that looks like a prompt: no spaces, ends in {@code > # $ %}. */
    static final Pattern GENERIC_PROMPT = Pattern.compile("[\\w.@:/~()\\[\\]+-]{1,80}[>#$%] ?");
    static final Pattern PAGER = Pattern.compile("(?i)\\s*(?:<-+\\s*more\\s*-+>|-+\\s*\\(?more\\b.*|press any key to continue.*)");
    private static final Pattern PASSWORD_PROMPT = Pattern.compile("(?i).*password: ?");

    private final SshSession session;
    private final ChannelShell channel;
    private final ChannelOutput output;
    private final OutputStream input;
    private final TerminalText text;
    private Pattern prompt;
    private String promptLine = "";

    private DeviceShell(SshSession session, ChannelShell channel, ChannelOutput output, OutputStream input)
    {
        this.session = requireNonNull(session, "session is null");
        this.channel = requireNonNull(channel, "channel is null");
        this.output = requireNonNull(output, "output is null");
        this.input = requireNonNull(input, "input is null");
        this.text = new TerminalText(session.settings().maxOutputBytes());
        this.prompt = session.target().prompt().orElse(GENERIC_PROMPT);
    }

    static DeviceShell open(SshSession session, Deadline deadline)
            throws TargetException
    {
        Duration timeout = deadline.cap(session.commandTimeout());
        ChannelOutput output = new ChannelOutput(session.settings().maxOutputBytes());
        ChannelShell channel;
        OutputStream input;
        try {
            channel = (ChannelShell) session.session().openChannel("shell");
            channel.setPty(true);
            channel.setPtyType("vt100");
            channel.setPtySize(511, 24, 0, 0);
            channel.setOutputStream(output);
            input = channel.getOutputStream();
            channel.connect((int) Math.max(1, timeout.toMillis()));
        }
        catch (JSchException | IOException e) {
            throw session.closedOr(new TargetException(Outcome.FAILED, "SSH shell on " + session.target().address() + " failed: " + SshFailures.oneLine(String.valueOf(e.getMessage()))));
        }
        DeviceShell shell = new DeviceShell(session, channel, output, input);
        shell.readUntil(List.of(shell.prompt), timeout, "after login");
        shell.learnPrompt();
        Optional<String> pagingOff = session.target().pagingOffCommand();
        if (pagingOff.isPresent()) {
            shell.send(pagingOff.get(), deadline);
        }
        return shell;
    }

    /** The prompt line last seen, such as {@code edge1#}. */
    public String prompt()
    {
        return promptLine;
    }

    public boolean privileged()
    {
        return promptLine.endsWith("#");
    }

    /** Sends one command and returns its output: no echo, no prompt, no pager text, {@code \n} line ends. */
    public String send(String command, Deadline deadline)
            throws TargetException
    {
        requireNonNull(command, "command is null");
        Duration timeout = deadline.cap(session.commandTimeout());
        write(command);
        readUntil(List.of(prompt), timeout, "after '" + command + "'");
        return commandOutput(command);
    }

    /**
     * Enters privileged mode ({@code enable}) with the credential's {@code enable} secret; nothing
     * to do when the prompt already ends in {@code #}. A refused secret is AUTH_FAILED.
     */
    public void enable(Deadline deadline)
            throws TargetException
    {
        if (privileged()) {
            return;
        }
        Credential credential = session.credential();
        Optional<Secret> secret = credential.field(Credential.ENABLE);
        if (secret.isEmpty()) {
            throw new TargetException(Outcome.AUTH_FAILED, "enable on " + session.target().address() + ": credential '" + credential.name() + "' has no 'enable' field");
        }
        Duration timeout = deadline.cap(session.commandTimeout());
        write("enable");
        if (readUntil(List.of(PASSWORD_PROMPT, prompt), timeout, "after 'enable'") == 0) {
            write(secret.get().reveal());
            if (readUntil(List.of(PASSWORD_PROMPT, prompt), timeout, "after the enable secret") == 0) {
                // asked again: the secret was wrong; leave the device's prompt with an empty answer
                write("");
                throw new TargetException(Outcome.AUTH_FAILED, "enable secret refused by " + session.target().address());
            }
        }
        if (!privileged()) {
            throw new TargetException(Outcome.AUTH_FAILED, "enable refused by " + session.target().address() + " (prompt is still " + promptLine + ")");
        }
    }

    private void write(String line)
            throws TargetException
    {
        text.clear();
        try {
            input.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            input.flush();
        }
        catch (IOException e) {
            throw session.closedOr(new TargetException(Outcome.FAILED, "SSH shell on " + session.target().address() + " closed"));
        }
    }

    /** Reads until the last line matches one of {@code tails}; answers pagers on the way. The index of the match. */
    private int readUntil(List<Pattern> tails, Duration timeout, String when)
            throws TargetException
    {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            String last = text.lastLine();
            for (int i = 0; i < tails.size(); i++) {
                if (tails.get(i).matcher(last).matches()) {
                    if (tails.get(i) == prompt) {
                        promptLine = last.strip();
                    }
                    return i;
                }
            }
            if (PAGER.matcher(last).matches()) {
                text.clearLine();
                writeRaw(" ");
                continue;
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw session.closedOr(new TargetException(Outcome.TIMEOUT, "no prompt from " + session.target().address() + " within " + timeout.toMillis() + " ms " + when));
            }
            byte[] chunk;
            try {
                chunk = output.take(left);
            }
            catch (InterruptedException e) {
                close();
                Thread.currentThread().interrupt();
                throw new TargetException(Outcome.FAILED, "SSH shell on " + session.target().address() + " interrupted");
            }
            if (chunk.length == 0 && output.isClosed()) {
                throw session.closedOr(new TargetException(Outcome.FAILED, session.target().address() + " closed the SSH shell " + when));
            }
            text.append(chunk);
        }
    }

    private void writeRaw(String keys)
            throws TargetException
    {
        try {
            input.write(keys.getBytes(StandardCharsets.UTF_8));
            input.flush();
        }
        catch (IOException e) {
            throw session.closedOr(new TargetException(Outcome.FAILED, "SSH shell on " + session.target().address() + " closed"));
        }
    }

    /** From {@code router1>} on: the same name in any mode ({@code router1#}, {@code router1(config)#}). */
    private void learnPrompt()
    {
        if (session.target().prompt().isPresent()) {
            return;
        }
        String base = promptLine.substring(0, promptLine.length() - 1);
        prompt = Pattern.compile(Pattern.quote(base) + "(?:\\([\\w./:-]{0,40}\\))?[>#$%] ?");
    }

    private String commandOutput(String command)
    {
        String all = text.text();
        int promptStart = all.lastIndexOf('\n') + 1;
        String body = all.substring(0, promptStart);
        int firstLineEnd = body.indexOf('\n');
        if (firstLineEnd >= 0 && body.substring(0, firstLineEnd).strip().endsWith(command.strip())) {
            body = body.substring(firstLineEnd + 1);
        }
        return body.endsWith("\n") ? body.substring(0, body.length() - 1) : body;
    }

    /** Safe from any thread, more than once; closes the connection too. */
    @Override
    public void close()
    {
        // the session is marked closed first, so a read that ends because of this close reports "cancelled"
        session.close();
        channel.disconnect();
    }
}
