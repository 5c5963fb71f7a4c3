package io.netcron.server.cli;

import io.netcron.server.errors.UserException;

import io.netcron.server.ssh.DatabaseHostKeyStore;
import io.netcron.ssh.HostKey;
import io.netcron.ssh.HostKeyStore;
import io.netcron.ssh.PinnedHostKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

/** {@code netcron hostkeys list|accept|forget}: the SSH host keys all nodes pin and check ({@code netcron.ssh_host_key}). */
@Command(name = "hostkeys", description = "SSH host keys pinned on first use: list them, accept a changed key, forget a host.",
        subcommands = {HostkeysCommand.ListKeys.class, HostkeysCommand.Accept.class, HostkeysCommand.Forget.class})
public final class HostkeysCommand
{
    @Command(name = "list", description = "Pinned host keys, and changed keys waiting to be accepted.")
    public static final class ListKeys
            implements Callable<Integer>
    {
        @Mixin
        ConfigOptions options;

        @Override
        public Integer call()
        {
            List<PinnedHostKey> keys = withStore(options, DatabaseHostKeyStore::list);
            if (keys.isEmpty()) {
                System.out.println("No SSH host keys known yet: the first connection to a host pins its key.");
                return 0;
            }
            Table table = new Table("HOST", "TYPE", "FINGERPRINT", "FIRST SEEN", "LAST SEEN", "PENDING (REFUSED) KEY", "PENDING SINCE");
            for (PinnedHostKey key : keys) {
                table.add(key.address(), key.key().map(HostKey::type).orElse(null), key.key().map(HostKey::fingerprint).orElse(null),
                        key.firstSeen(), key.lastSeen(), key.pending().map(HostKey::fingerprint).orElse(null), key.pendingSeen().orElse(null));
            }
            table.print(System.out);
            return 0;
        }
    }

    @Command(name = "accept", description = "Pin the key a host presented last time in place of the old one (after a device was replaced or re-keyed).")
    public static final class Accept
            implements Callable<Integer>
    {
        @Mixin
        ConfigOptions options;

        @Parameters(index = "0", paramLabel = "HOST[:PORT]", description = "As in the error message; port 22 when left out")
        String address;

        @Override
        public Integer call()
        {
            HostPort target = HostPort.parse(address);
            String accepted = withStore(options, store -> {
                PinnedHostKey known = store.lookup(target.host(), target.port()).orElseThrow(() -> unknown(target));
                Optional<HostKey> pending = known.pending();
                if (pending.isEmpty() || !store.accept(target.host(), target.port())) {
                    throw new UserException("no refused key waiting for " + target + "; its pinned key is " + known.key().map(HostKey::fingerprint).orElse("none"));
                }
                return "Accepted " + pending.get() + " for " + target + known.key().map(old -> " in place of " + old.fingerprint()).orElse("");
            });
            System.out.println(accepted + "; all nodes use it from the next connection.");
            return 0;
        }
    }

    @Command(name = "forget", description = "Forget a host's key: the next connection pins whatever key it presents.")
    public static final class Forget
            implements Callable<Integer>
    {
        @Mixin
        ConfigOptions options;

        @Parameters(index = "0", paramLabel = "HOST[:PORT]", description = "Port 22 when left out")
        String address;

        @Override
        public Integer call()
        {
            HostPort target = HostPort.parse(address);
            if (!withStore(options, store -> store.forget(target.host(), target.port()))) {
                throw unknown(target);
            }
            System.out.println("Forgot the host key of " + target + "; the next connection pins the key it presents.");
            return 0;
        }
    }

    /** {@code action} on the cluster's host key store; the database is closed after. */
    private static <T> T withStore(ConfigOptions options, Function<DatabaseHostKeyStore, T> action)
    {
        try (CliDatabase database = CliDatabase.open(options.load())) {
            return action.apply(new DatabaseHostKeyStore(database.database()));
        }
    }

    private static UserException unknown(HostPort target)
    {
        return new UserException("no host key known for " + target + " (see 'netcron hostkeys list')");
    }

    /** {@code host}, {@code host:port}, {@code [v6]:port} or a bare IPv6 address. */
    record HostPort(String host, int port)
    {
        static HostPort parse(String text)
        {
            String value = text.strip();
            String host = value;
            String port = null;
            if (value.startsWith("[")) {
                int close = value.indexOf(']');
                if (close < 0) {
                    throw new UserException("'" + text + "' is not HOST[:PORT]");
                }
                host = value.substring(1, close);
                String rest = value.substring(close + 1);
                if (!rest.isEmpty()) {
                    if (!rest.startsWith(":")) {
                        throw new UserException("'" + text + "' is not HOST[:PORT]");
                    }
                    port = rest.substring(1);
                }
            }
            else if (value.indexOf(':') >= 0 && value.indexOf(':') == value.lastIndexOf(':')) {
                host = value.substring(0, value.indexOf(':'));
                port = value.substring(value.indexOf(':') + 1);
            }
            if (host.isEmpty()) {
                throw new UserException("'" + text + "' has no host");
            }
            if (port == null) {
                return new HostPort(host, 22);
            }
            try {
                int number = Integer.parseInt(port);
                if (number < 1 || number > 65535) {
                    throw new NumberFormatException();
                }
                return new HostPort(host, number);
            }
            catch (NumberFormatException e) {
                throw new UserException("'" + port + "' in '" + text + "' is not a port (1-65535)");
            }
        }

        @Override
        public String toString()
        {
            return HostKeyStore.address(host, port);
        }
    }
}
