package io.netcron.server.credentials;

import io.netcron.server.db.Database;
import io.netcron.server.db.Handle;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** SQL of {@code netcron.credential}: every column but {@code ciphertext} is non-secret. */
final class CredentialRepository
{
    private static final String COLUMNS = "name, fields, ciphertext, key_id, created_at, updated_at, updated_by";
    /** Who changed a row: the database user and the session's application name (CLI: user@node). */
    private static final String CHANGED_BY = "current_user || coalesce(' / ' || nullif(current_setting('application_name', true), ''), '')";

    private final Database database;

    CredentialRepository(Database database)
    {
        this.database = requireNonNull(database, "database is null");
    }

    record Row(String name, List<String> fields, byte[] ciphertext, long keyId, Instant createdAt, Instant updatedAt, String updatedBy) {}

    Optional<Row> find(String name)
    {
        return database.queryOne("SELECT " + COLUMNS + " FROM netcron.credential WHERE name = ?", CredentialRepository::row, name);
    }

    List<Row> list()
    {
        return database.query("SELECT " + COLUMNS + " FROM netcron.credential ORDER BY name", CredentialRepository::row);
    }

    List<String> names()
    {
        return database.query("SELECT name FROM netcron.credential ORDER BY name", rows -> rows.getString(1));
    }

    boolean isEmpty()
    {
        return database.queryOne("SELECT NOT EXISTS (SELECT 1 FROM netcron.credential)", rows -> rows.getBoolean(1)).orElse(true);
    }

    void upsert(String name, List<String> fields, CredentialCipher.Sealed sealed)
    {
        database.withHandle(handle -> {
            Array array = handle.connection().createArrayOf("text", fields.toArray());
            return handle.update("INSERT INTO netcron.credential (name, fields, ciphertext, key_id, updated_by) VALUES (?, ?, ?, ?, " + CHANGED_BY + ")"
                            + " ON CONFLICT (name) DO UPDATE SET fields = excluded.fields, ciphertext = excluded.ciphertext, key_id = excluded.key_id,"
                            + " updated_at = now(), updated_by = excluded.updated_by",
                    name, array, sealed.ciphertext(), sealed.keyId());
        });
    }

    boolean delete(String name)
    {
        return database.update("DELETE FROM netcron.credential WHERE name = ?", name) > 0;
    }

    /** Re-encrypts one row under a row lock; a row changed or deleted meanwhile is re-read, not overwritten. */
    boolean reencrypt(String name, Reencryption reencryption)
    {
        return database.inTransaction(handle -> {
            Optional<Row> row = handle.queryOne("SELECT " + COLUMNS + " FROM netcron.credential WHERE name = ? FOR UPDATE", CredentialRepository::row, name);
            if (row.isEmpty()) {
                return false;
            }
            CredentialCipher.Sealed sealed = reencryption.apply(row.get());
            // key_id and ciphertext only: the values did not change, so neither do updated_at/by
            handle.update("UPDATE netcron.credential SET ciphertext = ?, key_id = ? WHERE name = ?", sealed.ciphertext(), sealed.keyId(), name);
            return true;
        });
    }

    @FunctionalInterface
    interface Reencryption
    {
        CredentialCipher.Sealed apply(Row row);
    }

    private static Row row(ResultSet rows)
            throws SQLException
    {
        String[] fields = (String[]) rows.getArray("fields").getArray();
        return new Row(rows.getString("name"), Arrays.asList(fields), rows.getBytes("ciphertext"), rows.getLong("key_id"),
                Handle.instant(rows, "created_at"), Handle.instant(rows, "updated_at"), rows.getString("updated_by"));
    }
}
