package io.netcron.ssh;

import io.netcron.credentials.Credential;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * One SSH server or device: address, login (a {@link Credential}, or the name of one in the
 * credential store), and optional per-target overrides of the client's timeouts, the prompt regex
 * (else learned after login) and the command that turns paging off.
 */
public record SshTarget(
        String host,
        int port,
        Optional<String> credentialName,
        Optional<Credential> credential,
        Optional<Duration> connectTimeout,
        Optional<Duration> commandTimeout,
        Optional<Pattern> prompt,
        Optional<String> pagingOffCommand)
{
    public static final int DEFAULT_PORT = 22;
    public static final String DEFAULT_PAGING_OFF = "terminal length 0";

    public SshTarget
    {
        requireNonNull(host, "host is null");
        requireNonNull(credentialName, "credentialName is null");
        requireNonNull(credential, "credential is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(commandTimeout, "commandTimeout is null");
        requireNonNull(prompt, "prompt is null");
        requireNonNull(pagingOffCommand, "pagingOffCommand is null");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
        }
        if (credentialName.isEmpty() == credential.isEmpty()) {
            throw new IllegalArgumentException("give either a credential or a credential name");
        }
    }

    /** A target on port 22 whose login is the named credential of the store. */
    public static SshTarget of(String host, String credentialName)
    {
        return new SshTarget(host, DEFAULT_PORT, Optional.of(credentialName), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(DEFAULT_PAGING_OFF));
    }

    /** A target on port 22 with the credential itself. */
    public static SshTarget of(String host, Credential credential)
    {
        return new SshTarget(host, DEFAULT_PORT, Optional.empty(), Optional.of(credential),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(DEFAULT_PAGING_OFF));
    }

    public SshTarget withPort(int newPort)
    {
        return new SshTarget(host, newPort, credentialName, credential, connectTimeout, commandTimeout, prompt, pagingOffCommand);
    }

    public SshTarget withConnectTimeout(Duration timeout)
    {
        return new SshTarget(host, port, credentialName, credential, Optional.of(timeout), commandTimeout, prompt, pagingOffCommand);
    }

    public SshTarget withCommandTimeout(Duration timeout)
    {
        return new SshTarget(host, port, credentialName, credential, connectTimeout, Optional.of(timeout), prompt, pagingOffCommand);
    }

    /** The device's prompt as a regex matched against the last line; default: learned after login. */
    public SshTarget withPrompt(Pattern regex)
    {
        return new SshTarget(host, port, credentialName, credential, connectTimeout, commandTimeout, Optional.of(regex), pagingOffCommand);
    }

    /** The platform's command to turn paging off ({@code set cli screen-length 0} on Junos, ...). */
    public SshTarget withPagingOff(String command)
    {
        return new SshTarget(host, port, credentialName, credential, connectTimeout, commandTimeout, prompt, Optional.of(command));
    }

    /** Sends no paging-off command: pagers are then answered as they come. */
    public SshTarget withoutPagingOff()
    {
        return new SshTarget(host, port, credentialName, credential, connectTimeout, commandTimeout, prompt, Optional.empty());
    }

    public String address()
    {
        return HostKeyStore.address(host, port);
    }

    @Override
    public String toString()
    {
        return "SshTarget[" + address() + " " + credentialName.orElseGet(() -> credential.map(Credential::name).orElse("?")) + "]";
    }
}
