package io.netcron.ssh;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What the store knows of one {@code host:port}: the pinned key (absent when a strict policy met
 * the host first and only a pending key waits), and a different key seen since, waiting for an operator.
 */
public record PinnedHostKey(
        String host,
        int port,
        Optional<HostKey> key,
        Instant firstSeen,
        Instant lastSeen,
        Optional<HostKey> pending,
        Optional<Instant> pendingSeen)
{
    public PinnedHostKey
    {
        requireNonNull(host, "host is null");
        requireNonNull(key, "key is null");
        requireNonNull(firstSeen, "firstSeen is null");
        requireNonNull(lastSeen, "lastSeen is null");
        requireNonNull(pending, "pending is null");
        requireNonNull(pendingSeen, "pendingSeen is null");
    }

    public String address()
    {
        return HostKeyStore.address(host, port);
    }
}
