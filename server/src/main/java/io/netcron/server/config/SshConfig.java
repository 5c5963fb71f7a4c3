package io.netcron.server.config;

import io.netcron.ssh.KnownHostsPolicy;
import io.netcron.ssh.SshSettings;

import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * {@code ssh.*}: the SSH client's connect timeout (TCP, key exchange and login), command timeout
 * (no answer or prompt within it), output kept per call, and what to do with an unknown host key:
 * {@code tofu} (pin it on first use) or {@code strict} (refuse until {@code netcron hostkeys accept}).
 */
public record SshConfig(Duration connectTimeout, Duration commandTimeout, int maxOutputBytes, KnownHostsPolicy knownHostsPolicy)
{
    public static final Duration DEFAULT_CONNECT_TIMEOUT = SshSettings.DEFAULT_CONNECT_TIMEOUT;
    public static final Duration DEFAULT_COMMAND_TIMEOUT = SshSettings.DEFAULT_COMMAND_TIMEOUT;
    public static final int DEFAULT_MAX_OUTPUT_BYTES = SshSettings.DEFAULT_MAX_OUTPUT_BYTES;
    public static final KnownHostsPolicy DEFAULT_KNOWN_HOSTS_POLICY = KnownHostsPolicy.TOFU;

    public SshConfig
    {
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(commandTimeout, "commandTimeout is null");
        requireNonNull(knownHostsPolicy, "knownHostsPolicy is null");
    }

    public static SshConfig from(Settings settings)
    {
        return new SshConfig(
                settings.duration("ssh.connect-timeout", DEFAULT_CONNECT_TIMEOUT, Duration.ofMillis(100), Duration.ofMinutes(10)),
                settings.duration("ssh.command-timeout", DEFAULT_COMMAND_TIMEOUT, Duration.ofMillis(100), Duration.ofHours(6)),
                settings.integer("ssh.max-output-bytes", DEFAULT_MAX_OUTPUT_BYTES, 1024, 256 * 1024 * 1024),
                policy(settings));
    }

    private static KnownHostsPolicy policy(Settings settings)
    {
        String key = "ssh.known-hosts-policy";
        Optional<String> raw = settings.optional(key);
        String value = settings.string(key, DEFAULT_KNOWN_HOSTS_POLICY.configName());
        try {
            return KnownHostsPolicy.fromName(value);
        }
        catch (IllegalArgumentException e) {
            settings.error(key, "must be tofu or strict, got '" + raw.orElse(value) + "'");
            return DEFAULT_KNOWN_HOSTS_POLICY;
        }
    }

    public SshSettings toSettings()
    {
        return new SshSettings(connectTimeout, commandTimeout, maxOutputBytes, knownHostsPolicy);
    }
}
