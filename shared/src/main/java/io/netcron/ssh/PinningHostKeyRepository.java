package io.netcron.ssh;

import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * JSch's view of the {@link HostKeyStore} for one connection to {@code host:port}: unknown host
 * pinned on first use (or refused under a strict policy), same key accepted, changed key refused
 * and recorded as pending. It remembers what it refused so the error can name both fingerprints.
 */
final class PinningHostKeyRepository
        implements HostKeyRepository
{
    private static final Logger log = LoggerFactory.getLogger(PinningHostKeyRepository.class);

    private final HostKeyStore store;
    private final KnownHostsPolicy policy;
    private final String host;
    private final int port;
    private volatile Optional<HostKey> refusedKnown = Optional.empty();
    private volatile Optional<HostKey> refusedPresented = Optional.empty();

    PinningHostKeyRepository(HostKeyStore store, KnownHostsPolicy policy, String host, int port)
    {
        this.store = requireNonNull(store, "store is null");
        this.policy = requireNonNull(policy, "policy is null");
        this.host = requireNonNull(host, "host is null");
        this.port = port;
    }

    @Override
    public int check(String jschHost, byte[] blob)
    {
        HostKey presented = HostKey.fromBlob(blob);
        Optional<HostKey> known = store.lookup(host, port).flatMap(PinnedHostKey::key);
        if (known.isEmpty()) {
            if (policy == KnownHostsPolicy.STRICT) {
                store.recordPending(host, port, presented);
                refusedPresented = Optional.of(presented);
                log.warn("SSH host key of {} is unknown ({}) and known-hosts policy is strict: refused, recorded as pending", address(), presented);
                return NOT_INCLUDED;
            }
            store.pin(host, port, presented);
            // another node may have pinned a different key at the same moment: check what won
            Optional<HostKey> pinned = store.lookup(host, port).flatMap(PinnedHostKey::key);
            if (pinned.isPresent() && !pinned.get().equals(presented)) {
                return changed(pinned.get(), presented);
            }
            log.info("SSH host key of {} pinned on first use: {}", address(), presented);
            return OK;
        }
        if (known.get().equals(presented)) {
            store.seen(host, port);
            return OK;
        }
        return changed(known.get(), presented);
    }

    private int changed(HostKey known, HostKey presented)
    {
        store.recordPending(host, port, presented);
        refusedKnown = Optional.of(known);
        refusedPresented = Optional.of(presented);
        log.warn("SSH host key of {} changed (was {}, now {}): refused, recorded as pending", address(), known, presented);
        return CHANGED;
    }

    /** The message for a refused key, if this repository refused one. */
    Optional<String> refusal()
    {
        Optional<HostKey> presented = refusedPresented;
        if (presented.isEmpty()) {
            return Optional.empty();
        }
        Optional<HostKey> known = refusedKnown;
        String accept = "; if expected run: netcron hostkeys accept " + address();
        if (known.isEmpty()) {
            return Optional.of("host key of " + address() + " is not known (" + presented.get().fingerprint() + ") and ssh.known-hosts-policy is strict" + accept);
        }
        return Optional.of("host key of " + address() + " changed (was " + known.get().fingerprint() + ", now " + presented.get().fingerprint() + ")" + accept);
    }

    private String address()
    {
        return HostKeyStore.address(host, port);
    }

    @Override
    public void add(com.jcraft.jsch.HostKey hostkey, UserInfo ui)
    {
        // pinning happens in check(); JSch's own "add" path is not used with StrictHostKeyChecking=yes
    }

    @Override
    public void remove(String host, String type)
    {
    }

    @Override
    public void remove(String host, String type, byte[] key)
    {
    }

    @Override
    public String getKnownHostsRepositoryID()
    {
        return "netcron host key store";
    }

    @Override
    public com.jcraft.jsch.HostKey[] getHostKey()
    {
        return getHostKey(null, null);
    }

    /** Lets JSch prefer the pinned key's algorithm, so a server with several keys presents the pinned one. */
    @Override
    public com.jcraft.jsch.HostKey[] getHostKey(String jschHost, String type)
    {
        Optional<HostKey> known = store.lookup(host, port).flatMap(PinnedHostKey::key);
        if (known.isEmpty() || (type != null && !type.equals(known.get().type()))) {
            return new com.jcraft.jsch.HostKey[0];
        }
        try {
            return new com.jcraft.jsch.HostKey[] {new com.jcraft.jsch.HostKey(jschHost == null ? address() : jschHost, known.get().blob())};
        }
        catch (JSchException e) {
            return new com.jcraft.jsch.HostKey[0];
        }
    }
}
