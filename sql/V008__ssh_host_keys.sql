-- SSH host keys, pinned on first use and shared by all nodes: a key pinned by one node is checked
-- by every other. A different key presented later is refused and kept as "pending" until an
-- operator accepts it (netcron hostkeys accept HOST:PORT) or forgets the host.
CREATE TABLE netcron.ssh_host_key (
    host                text        NOT NULL,
    port                integer     NOT NULL CHECK (port BETWEEN 1 AND 65535),
    -- the pinned key; NULL while only a pending key is known (strict policy, host never accepted)
    key_type            text,
    key                 text,        -- the SSH public-key blob, base64 (as in known_hosts)
    fingerprint         text,        -- SHA256:... as OpenSSH prints it
    first_seen          timestamptz NOT NULL DEFAULT now(),
    last_seen           timestamptz NOT NULL DEFAULT now(),
    pending_key_type    text,
    pending_key         text,
    pending_fingerprint text,
    pending_seen_at     timestamptz,
    PRIMARY KEY (host, port),
    CHECK ((key IS NULL) = (key_type IS NULL) AND (key IS NULL) = (fingerprint IS NULL)),
    CHECK ((pending_key IS NULL) = (pending_key_type IS NULL) AND (pending_key IS NULL) = (pending_fingerprint IS NULL)),
    CHECK (key IS NOT NULL OR pending_key IS NOT NULL)
);

COMMENT ON TABLE netcron.ssh_host_key IS 'SSH host keys pinned on first use; pending_* is a refused different key waiting for netcron hostkeys accept';
