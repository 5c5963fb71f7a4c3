package io.netcron.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import io.netcron.credentials.Credential;
import io.netcron.job.Deadline;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * A logged-in SSH connection to one target. {@link #close()} may be called from any thread (a
 * job's cancel): a call blocked on the device's output then ends with a {@link TargetException}.
 */
public final class SshSession
        implements AutoCloseable
{
    private static final long EXIT_STATUS_POLL_MILLIS = 10;

    private final Session session;
    private final SshTarget target;
    private final Credential credential;
    private final SshSettings settings;
    private volatile boolean closed;

    SshSession(Session session, SshTarget target, Credential credential, SshSettings settings)
    {
        this.session = requireNonNull(session, "session is null");
        this.target = requireNonNull(target, "target is null");
        this.credential = requireNonNull(credential, "credential is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    public SshTarget target()
    {
        return target;
    }

    /** Runs one command; fails with TIMEOUT when it does not finish within the command timeout (capped by the deadline). */
    public ExecResult exec(String command, Deadline deadline)
            throws TargetException
    {
        requireNonNull(command, "command is null");
        Duration timeout = deadline.cap(commandTimeout());
        long end = System.nanoTime() + timeout.toNanos();
        ChannelOutput stdout = new ChannelOutput(settings.maxOutputBytes());
        ChannelOutput stderr = new ChannelOutput(settings.maxOutputBytes());
        ChannelExec channel = null;
        try {
            channel = (ChannelExec) session.openChannel("exec");
            channel.setCommand(command);
            channel.setInputStream(null);
            channel.setOutputStream(stdout);
            channel.setErrStream(stderr);
            channel.connect((int) Math.max(1, timeout.toMillis()));
            if (!stdout.awaitClosed(end - System.nanoTime()) || !stderr.awaitClosed(end - System.nanoTime())) {
                throw timeout(command, timeout);
            }
            // the exit status comes with the channel's close, just after the end of its output
            while (!channel.isClosed()) {
                if (System.nanoTime() - end >= 0) {
                    throw timeout(command, timeout);
                }
                synchronized (this) {
                    wait(EXIT_STATUS_POLL_MILLIS);
                }
            }
            if (closed) {
                throw cancelled();
            }
            return new ExecResult(channel.getExitStatus(), text(stdout.contents()), text(stderr.contents()), stdout.truncated() || stderr.truncated());
        }
        catch (JSchException e) {
            throw closedOr(new TargetException(Outcome.FAILED, "SSH exec on " + target.address() + " failed: " + SshFailures.oneLine(String.valueOf(e.getMessage()))));
        }
        catch (InterruptedException e) {
            // JSch itself swallows interrupts while it opens a channel: close() from another thread is the sure cancel
            close();
            Thread.currentThread().interrupt();
            throw new TargetException(Outcome.FAILED, "SSH command on " + target.address() + " interrupted");
        }
        finally {
            if (channel != null) {
                channel.disconnect();
            }
        }
    }

    /** An interactive CLI on this connection: prompt learned, paging off; see {@link DeviceShell}. */
    public DeviceShell openShell(Deadline deadline)
            throws TargetException
    {
        return DeviceShell.open(this, deadline);
    }

    Session session()
    {
        return session;
    }

    Credential credential()
    {
        return credential;
    }

    SshSettings settings()
    {
        return settings;
    }

    Duration commandTimeout()
    {
        return target.commandTimeout().orElse(settings.commandTimeout());
    }

    boolean isClosed()
    {
        return closed || !session.isConnected();
    }

    TargetException closedOr(TargetException failure)
    {
        return closed ? cancelled() : failure;
    }

    TargetException cancelled()
    {
        return new TargetException(Outcome.FAILED, "SSH session to " + target.address() + " was closed (cancelled)");
    }

    private TargetException timeout(String command, Duration timeout)
    {
        return closedOr(new TargetException(Outcome.TIMEOUT, "SSH command '" + command + "' on " + target.address() + " did not finish within " + timeout.toMillis() + " ms"));
    }

    static String text(byte[] bytes)
    {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Safe from any thread, more than once. */
    @Override
    public void close()
    {
        closed = true;
        session.disconnect();
    }
}
