package io.netcron.ssh;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How the {@link SshClient} connects: connect timeout (TCP, key exchange and login), command
 * timeout (no answer or prompt within it), how much output a call keeps, host-key policy.
 */
public record SshSettings(Duration connectTimeout, Duration commandTimeout, int maxOutputBytes, KnownHostsPolicy knownHostsPolicy)
{
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

    public SshSettings
    {
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(commandTimeout, "commandTimeout is null");
        requireNonNull(knownHostsPolicy, "knownHostsPolicy is null");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || commandTimeout.isNegative() || commandTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (maxOutputBytes < 1024) {
            throw new IllegalArgumentException("maxOutputBytes must be at least 1024");
        }
    }

    public static SshSettings defaults()
    {
        return new SshSettings(DEFAULT_CONNECT_TIMEOUT, DEFAULT_COMMAND_TIMEOUT, DEFAULT_MAX_OUTPUT_BYTES, KnownHostsPolicy.TOFU);
    }

    public SshSettings withTimeouts(Duration connect, Duration command)
    {
        return new SshSettings(connect, command, maxOutputBytes, knownHostsPolicy);
    }

    public SshSettings withKnownHostsPolicy(KnownHostsPolicy policy)
    {
        return new SshSettings(connectTimeout, commandTimeout, maxOutputBytes, policy);
    }
}
