package io.netcron.server.ssh;

import io.netcron.server.db.Database;
import io.netcron.server.db.Handle;
import io.netcron.ssh.HostKey;
import io.netcron.ssh.HostKeyStore;
import io.netcron.ssh.PinnedHostKey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** {@link HostKeyStore} on {@code netcron.ssh_host_key}, shared by every node of the cluster. */
public final class DatabaseHostKeyStore
        implements HostKeyStore
{
    private static final String COLUMNS = "host, port, key_type, key, fingerprint, first_seen, last_seen, "
            + "pending_key_type, pending_key, pending_fingerprint, pending_seen_at";

    private final Database database;

    public DatabaseHostKeyStore(Database database)
    {
        this.database = requireNonNull(database, "database is null");
    }

    @Override
    public Optional<PinnedHostKey> lookup(String host, int port)
    {
        return database.queryOne("SELECT " + COLUMNS + " FROM netcron.ssh_host_key WHERE host = ? AND port = ?",
                DatabaseHostKeyStore::row, host, port);
    }

    @Override
    public void pin(String host, int port, HostKey key)
    {
        // a row with only a pending key (strict policy met it first) gets its key; a pinned key is never replaced here
        database.update("""
                INSERT INTO netcron.ssh_host_key (host, port, key_type, key, fingerprint)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (host, port) DO UPDATE
                    SET key_type = excluded.key_type, key = excluded.key, fingerprint = excluded.fingerprint,
                        first_seen = now(), last_seen = now()
                    WHERE ssh_host_key.key IS NULL
                """, host, port, key.type(), key.base64(), key.fingerprint());
    }

    @Override
    public void seen(String host, int port)
    {
        database.update("UPDATE netcron.ssh_host_key SET last_seen = now() WHERE host = ? AND port = ?", host, port);
    }

    @Override
    public void recordPending(String host, int port, HostKey presented)
    {
        database.update("""
                INSERT INTO netcron.ssh_host_key (host, port, pending_key_type, pending_key, pending_fingerprint, pending_seen_at)
                VALUES (?, ?, ?, ?, ?, now())
                ON CONFLICT (host, port) DO UPDATE
                    SET pending_key_type = excluded.pending_key_type, pending_key = excluded.pending_key,
                        pending_fingerprint = excluded.pending_fingerprint, pending_seen_at = now()
                """, host, port, presented.type(), presented.base64(), presented.fingerprint());
    }

    @Override
    public List<PinnedHostKey> list()
    {
        return database.query("SELECT " + COLUMNS + " FROM netcron.ssh_host_key ORDER BY host, port", DatabaseHostKeyStore::row);
    }

    @Override
    public boolean accept(String host, int port)
    {
        return database.update("""
                UPDATE netcron.ssh_host_key
                SET key_type = pending_key_type, key = pending_key, fingerprint = pending_fingerprint,
                    first_seen = now(), last_seen = now(),
                    pending_key_type = NULL, pending_key = NULL, pending_fingerprint = NULL, pending_seen_at = NULL
                WHERE host = ? AND port = ? AND pending_key IS NOT NULL
                """, host, port) > 0;
    }

    @Override
    public boolean forget(String host, int port)
    {
        return database.update("DELETE FROM netcron.ssh_host_key WHERE host = ? AND port = ?", host, port) > 0;
    }

    private static PinnedHostKey row(ResultSet row)
            throws SQLException
    {
        return new PinnedHostKey(
                row.getString("host"),
                row.getInt("port"),
                key(row.getString("key_type"), row.getString("key")),
                Handle.instant(row, "first_seen"),
                Handle.instant(row, "last_seen"),
                key(row.getString("pending_key_type"), row.getString("pending_key")),
                Optional.ofNullable(Handle.instant(row, "pending_seen_at")));
    }

    private static Optional<HostKey> key(String type, String base64)
    {
        return type == null || base64 == null ? Optional.empty() : Optional.of(new HostKey(type, base64));
    }
}
