-- Node leases: each node holds a session-level advisory lock on a dedicated connection, keyed
-- (hashtext('netcron.node_lease'), hashtext(node_id)). PostgreSQL releases it the moment the
-- node's session ends, so "lease gone" is how the cluster knows a node is dead.

-- Set by nodes that hold a lease; a node row without it (an older version) is judged by time as before.
ALTER TABLE netcron.node ADD COLUMN lease_pid integer;

-- Whether some session of this database holds node_id's lease.
CREATE FUNCTION netcron.node_lease_held(node_id text) RETURNS boolean
    LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_locks l
                   WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                     AND l.database = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = current_database())
                     AND l.classid = hashtext('netcron.node_lease')::oid
                     AND l.objid = hashtext(node_id)::oid)
$$;

-- A node is gone when it uses a lease, its lease is not held, and it has been silent (no
-- heartbeat) for silence_ms on the database clock. The silence guards the moment every session
-- was cut at once (a PostgreSQL restart): a live node re-takes its lease, stops its runs while it
-- has none, and keeps its heartbeat, so it is not recovered under it.
CREATE FUNCTION netcron.node_gone(node_id text, silence_ms bigint) RETURNS boolean
    LANGUAGE sql STABLE AS $$
    SELECT n.lease_pid IS NOT NULL
       AND NOT netcron.node_lease_held(n.node_id)
       AND n.last_seen < now() - make_interval(secs => silence_ms / 1000.0)
    FROM netcron.node n WHERE n.node_id = node_gone.node_id
$$;

-- A run whose thread ignored the interrupt (ended timed_out, or failed at drain) while that thread
-- still runs: lingering. A forbid job's slot stays taken until the thread really ends, so its next
-- firing is skipped instead of overlapping the job that would not stop.
ALTER TABLE netcron.job_run ADD COLUMN lingering boolean NOT NULL DEFAULT false;
DROP INDEX netcron.job_run_one_exclusive_running;
CREATE UNIQUE INDEX job_run_one_exclusive_running ON netcron.job_run (job_name)
    WHERE (status = 'running' OR lingering) AND exclusive;
