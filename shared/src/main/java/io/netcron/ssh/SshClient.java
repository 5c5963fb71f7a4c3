package io.netcron.ssh;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.UIKeyboardInteractive;
import com.jcraft.jsch.UserInfo;
import io.netcron.credentials.Credential;
import io.netcron.credentials.CredentialException;
import io.netcron.credentials.Credentials;
import io.netcron.credentials.Secret;
import io.netcron.job.Deadline;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * SSH to servers and network devices (JSch): run a command, or drive a device's CLI through a
 * {@link DeviceShell}. Logs in with password, keyboard-interactive or public key from the target's
 * credential; verifies host keys against the {@link HostKeyStore}; every timeout is capped by the
 * caller's {@link Deadline}. Failures are {@link TargetException}s: UNREACHABLE, AUTH_FAILED,
 * TIMEOUT, or FAILED (a refused host key among them).
 */
public final class SshClient
{
    private final SshSettings settings;
    private final Credentials credentials;
    private final HostKeyStore hostKeys;

    @Inject
    public SshClient(SshSettings settings, Credentials credentials, HostKeyStore hostKeys)
    {
        this.settings = requireNonNull(settings, "settings is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.hostKeys = requireNonNull(hostKeys, "hostKeys is null");
    }

    /** Connects, runs one command, disconnects. */
    public ExecResult exec(SshTarget target, String command, Deadline deadline)
            throws TargetException
    {
        try (SshSession session = connect(target, deadline)) {
            return session.exec(command, deadline);
        }
    }

    /** Connects and opens the device's CLI; closing the shell closes the connection. */
    public DeviceShell openShell(SshTarget target, Deadline deadline)
            throws TargetException
    {
        SshSession session = connect(target, deadline);
        try {
            return session.openShell(deadline);
        }
        catch (TargetException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** A logged-in connection for several commands; close it (from any thread, to cancel). */
    public SshSession connect(SshTarget target, Deadline deadline)
            throws TargetException
    {
        requireNonNull(target, "target is null");
        requireNonNull(deadline, "deadline is null");
        Credential credential = credential(target);
        String user = credential.username();
        Duration timeout = deadline.cap(target.connectTimeout().orElse(settings.connectTimeout()));
        PinningHostKeyRepository hostKeyRepository = new PinningHostKeyRepository(hostKeys, settings.knownHostsPolicy(), target.host(), target.port());
        Session session;
        try {
            JSch jsch = new JSch();
            Optional<Secret> privateKey = credential.field(Credential.PRIVATE_KEY);
            if (privateKey.isPresent()) {
                addIdentity(jsch, credential, privateKey.get());
            }
            session = jsch.getSession(user, target.host(), target.port());
            Optional<Secret> password = credential.field(Credential.PASSWORD);
            password.ifPresent(secret -> session.setPassword(secret.reveal()));
            session.setUserInfo(new LoginAnswers(password));
            session.setHostKeyRepository(hostKeyRepository);
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setConfig("PreferredAuthentications", privateKey.isPresent()
                    ? "publickey,keyboard-interactive,password"
                    : "keyboard-interactive,password");
        }
        catch (JSchException e) {
            throw new TargetException(Outcome.FAILED, "SSH setup for " + target.address() + " failed: " + SshFailures.oneLine(String.valueOf(e.getMessage())));
        }
        try {
            int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
            session.setTimeout(millis);
            session.connect(millis);
        }
        catch (JSchException e) {
            session.disconnect();
            Optional<String> refusal = hostKeyRepository.refusal();
            if (refusal.isPresent()) {
                throw new TargetException(Outcome.FAILED, refusal.get());
            }
            if (Thread.currentThread().isInterrupted()) {
                // a virtual thread's socket is closed by interrupt: the job was cancelled, not the device unreachable
                throw new TargetException(Outcome.FAILED, "SSH connection to " + target.address() + " interrupted");
            }
            throw SshFailures.connect(e, target.address(), user, timeout);
        }
        return new SshSession(session, target, credential, settings);
    }

    private Credential credential(SshTarget target)
            throws TargetException
    {
        try {
            Credential credential = target.credential().orElseGet(() -> credentials.get(target.credentialName().orElseThrow()));
            credential.require(Credential.USERNAME);
            return credential;
        }
        catch (CredentialException e) {
            throw new TargetException(Outcome.FAILED, "SSH to " + target.address() + ": " + e.getMessage());
        }
    }

    private static void addIdentity(JSch jsch, Credential credential, Secret privateKey)
            throws TargetException
    {
        byte[] passphrase = credential.field(Credential.PASSPHRASE).map(secret -> secret.reveal().getBytes(StandardCharsets.UTF_8)).orElse(null);
        try {
            jsch.addIdentity("credential " + credential.name(), privateKey.reveal().getBytes(StandardCharsets.UTF_8), null, passphrase);
        }
        catch (JSchException e) {
            // JSch's message says nothing secret, but may echo key details: keep our own words
            throw new TargetException(Outcome.AUTH_FAILED, "credential '" + credential.name() + "': the private key cannot be read (wrong passphrase or unsupported format)");
        }
    }

    /** Answers JSch's password and keyboard-interactive prompts with the credential's password, once. */
    private static final class LoginAnswers
            implements UserInfo, UIKeyboardInteractive
    {
        private final Optional<Secret> password;

        LoginAnswers(Optional<Secret> password)
        {
            this.password = password;
        }

        @Override
        public String[] promptKeyboardInteractive(String destination, String name, String instruction, String[] prompt, boolean[] echo)
        {
            if (password.isEmpty()) {
                return null;
            }
            String[] answers = new String[prompt.length];
            for (int i = 0; i < prompt.length; i++) {
                // only hidden prompts get the password; a visible one (a user name, a menu) gets nothing
                answers[i] = echo[i] ? "" : password.get().reveal();
            }
            return answers;
        }

        @Override
        public String getPassphrase()
        {
            return null;
        }

        @Override
        public String getPassword()
        {
            return null;
        }

        @Override
        public boolean promptPassword(String message)
        {
            return false;
        }

        @Override
        public boolean promptPassphrase(String message)
        {
            return false;
        }

        @Override
        public boolean promptYesNo(String message)
        {
            return false;
        }

        @Override
        public void showMessage(String message)
        {
        }
    }
}
