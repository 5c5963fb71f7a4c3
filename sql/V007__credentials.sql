-- Encrypted credentials, shared by every node. The fields of a credential (a JSON object
-- field -> value) are ONE Tink AEAD ciphertext whose associated data is the credential's name,
-- so a ciphertext copied to another row does not decrypt. The key never lives here: it comes
-- from the keyset file or NETCRON_KEYSET. Every other column is deliberately non-secret.
CREATE TABLE netcron.credential (
    name       text PRIMARY KEY CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,199}$'),
    fields     text[] NOT NULL,
    ciphertext bytea NOT NULL,
    key_id     bigint NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text NOT NULL
);

COMMENT ON TABLE netcron.credential IS 'Encrypted secrets (netcron credentials set|list|delete|rotate-key); values only in ciphertext';
COMMENT ON COLUMN netcron.credential.fields IS 'field names (not values), for netcron credentials list';
COMMENT ON COLUMN netcron.credential.key_id IS 'Tink key id of the keyset key that encrypted this row';
COMMENT ON COLUMN netcron.credential.updated_by IS 'database user and application_name of the last change';
