package io.netcron.ssh;

import java.util.List;
import java.util.Optional;

/**
 * Pinned SSH host keys per {@code host:port}. The node's store is a table shared by all nodes, so
 * a key pinned by one node is checked by all; tests and runs without a database use
 * {@link InMemoryHostKeyStore}.
 */
public interface HostKeyStore
{
    Optional<PinnedHostKey> lookup(String host, int port);

    /** Pins {@code key} for a host not known yet (trust on first use); a concurrent pin by another node wins. */
    void pin(String host, int port, HostKey key);

    /** The pinned key was presented again. */
    void seen(String host, int port);

    /** A key other than the pinned one (or any key, for a strict policy's unknown host) was presented: kept for an operator to accept. */
    void recordPending(String host, int port, HostKey presented);

    List<PinnedHostKey> list();

    /** Makes the pending key the pinned one; false when there is none. */
    boolean accept(String host, int port);

    /** Drops what is known of the host: the next connection pins again. False when nothing was known. */
    boolean forget(String host, int port);

    /** {@code host:port}, with brackets around an IPv6 address. */
    static String address(String host, int port)
    {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
