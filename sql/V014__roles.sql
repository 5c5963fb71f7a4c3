-- Least privilege: three group roles (NOLOGIN) that login roles are granted, e.g.
--   CREATE ROLE node1 LOGIN PASSWORD '...' IN ROLE netcron_node;
-- netcron_node:     what nodes and the CLI need: rows of every netcron table (Quartz's included,
--                   credential and ssh_host_key too); no DDL (run `netcron db migrate` as the owner).
-- netcron_operator: edit jobs, request runs, read history, nodes and the audit; nothing of qrtz_*
--                   (whose blobs Quartz deserializes), no credential, no audit writes.
-- netcron_reader:   read jobs, history, nodes, requests and the audit.
-- Roles belong to the whole PostgreSQL cluster: created only if missing (several databases of one
-- server may migrate at once), and skipped with a warning when the migrating user may not create
-- roles (an administrator creates them and runs this file's grants again).

DO $$
DECLARE
    role_name text;
BEGIN
    FOREACH role_name IN ARRAY ARRAY['netcron_node', 'netcron_operator', 'netcron_reader'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = role_name) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
            EXCEPTION
                WHEN duplicate_object OR unique_violation THEN
                    NULL; -- another database's migration created it meanwhile
                WHEN insufficient_privilege THEN
                    RAISE WARNING 'netcron: role % not created: the migrating user may not create roles; create it and grant as in V014__roles.sql', role_name;
            END;
        END IF;
    END LOOP;
END
$$;

-- The audit row is written with the owner's rights, so operators need no INSERT on job_change
-- (and cannot forge it); it names the login (session_user), since current_user is the owner here.
CREATE OR REPLACE FUNCTION netcron.job_after_change() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, netcron AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.version = OLD.version THEN
        RETURN NULL;
    END IF;
    INSERT INTO netcron.job_change (db_user, application_name, operation, job_name, old_row, new_row)
    VALUES (session_user, current_setting('application_name', true), TG_OP,
            COALESCE(NEW.name, OLD.name),
            CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE to_jsonb(OLD) END,
            CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE to_jsonb(NEW) END);
    PERFORM pg_notify('netcron_job', COALESCE(NEW.name, OLD.name));
    RETURN NULL;
END
$$;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'netcron_node') THEN
        GRANT USAGE ON SCHEMA netcron TO netcron_node;
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA netcron TO netcron_node;
        REVOKE INSERT, UPDATE, DELETE ON netcron.schema_history FROM netcron_node;
        GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA netcron TO netcron_node;
        GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA netcron TO netcron_node;
        -- tables of later migrations (created by the same owner) too
        ALTER DEFAULT PRIVILEGES IN SCHEMA netcron GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO netcron_node;
        ALTER DEFAULT PRIVILEGES IN SCHEMA netcron GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO netcron_node;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'netcron_operator') THEN
        GRANT USAGE ON SCHEMA netcron TO netcron_operator;
        GRANT SELECT, INSERT, UPDATE, DELETE ON netcron.job TO netcron_operator;
        GRANT SELECT, INSERT ON netcron.job_request TO netcron_operator;
        GRANT USAGE ON ALL SEQUENCES IN SCHEMA netcron TO netcron_operator;
        GRANT SELECT ON netcron.job_run, netcron.job_run_total, netcron.job_change, netcron.node, netcron.missed_fire TO netcron_operator;
        -- re-pinning a changed host key is an operator's decision
        GRANT SELECT, DELETE ON netcron.ssh_host_key TO netcron_operator;
        GRANT EXECUTE ON FUNCTION netcron.node_lease_held(text), netcron.node_gone(text, bigint) TO netcron_operator;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'netcron_reader') THEN
        GRANT USAGE ON SCHEMA netcron TO netcron_reader;
        GRANT SELECT ON netcron.job, netcron.job_request, netcron.job_run, netcron.job_run_total, netcron.job_change, netcron.node, netcron.missed_fire
            TO netcron_reader;
    END IF;
END
$$;
