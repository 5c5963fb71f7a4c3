package io.netcron.ssh;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/** Host keys kept in this process only: for tests, and for {@code netcron run} without a database. */
public final class InMemoryHostKeyStore
        implements HostKeyStore
{
    private final Map<String, PinnedHostKey> keys = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryHostKeyStore()
    {
        this(Clock.systemUTC());
    }

    public InMemoryHostKeyStore(Clock clock)
    {
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Optional<PinnedHostKey> lookup(String host, int port)
    {
        return Optional.ofNullable(keys.get(HostKeyStore.address(host, port)));
    }

    @Override
    public void pin(String host, int port, HostKey key)
    {
        Instant now = clock.instant();
        keys.merge(HostKeyStore.address(host, port), new PinnedHostKey(host, port, Optional.of(key), now, now, Optional.empty(), Optional.empty()),
                (old, fresh) -> old.key().isPresent() ? old : fresh);
    }

    @Override
    public void seen(String host, int port)
    {
        keys.computeIfPresent(HostKeyStore.address(host, port), (address, old) ->
                new PinnedHostKey(host, port, old.key(), old.firstSeen(), clock.instant(), old.pending(), old.pendingSeen()));
    }

    @Override
    public void recordPending(String host, int port, HostKey presented)
    {
        Instant now = clock.instant();
        keys.compute(HostKeyStore.address(host, port), (address, old) -> old == null
                ? new PinnedHostKey(host, port, Optional.empty(), now, now, Optional.of(presented), Optional.of(now))
                : new PinnedHostKey(host, port, old.key(), old.firstSeen(), old.lastSeen(), Optional.of(presented), Optional.of(now)));
    }

    @Override
    public List<PinnedHostKey> list()
    {
        return keys.values().stream().sorted(Comparator.comparing(PinnedHostKey::host).thenComparing(PinnedHostKey::port)).toList();
    }

    @Override
    public boolean accept(String host, int port)
    {
        PinnedHostKey[] accepted = new PinnedHostKey[1];
        keys.computeIfPresent(HostKeyStore.address(host, port), (address, old) -> {
            if (old.pending().isEmpty()) {
                return old;
            }
            Instant now = clock.instant();
            accepted[0] = new PinnedHostKey(host, port, old.pending(), now, now, Optional.empty(), Optional.empty());
            return accepted[0];
        });
        return accepted[0] != null;
    }

    @Override
    public boolean forget(String host, int port)
    {
        return keys.remove(HostKeyStore.address(host, port)) != null;
    }
}
