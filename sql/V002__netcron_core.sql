-- netcron's own tables: the operator's control panel (see docs/operators.md).

-- One row per configured job. Operators edit the policy columns; nodes keep the
-- server-maintained columns (next_fire_at ... updated_at, version) current.
CREATE TABLE netcron.job (
    name           text        PRIMARY KEY
                   CONSTRAINT job_name_format CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,199}$'),
    category       text        NOT NULL DEFAULT 'general',
    description    text        NOT NULL DEFAULT '',
    kind           text        NOT NULL DEFAULT 'java'
                   CONSTRAINT job_kind_valid CHECK (kind IN ('java', 'script')),
    implementation text        NOT NULL,
    schedule       text,
    time_zone      text        NOT NULL DEFAULT 'UTC',
    enabled        boolean     NOT NULL DEFAULT true,
    misfire_policy text        NOT NULL DEFAULT 'fire_once_now'
                   CONSTRAINT job_misfire_policy_valid CHECK (misfire_policy IN ('fire_once_now', 'skip', 'catch_up')),
    max_runtime    interval    NOT NULL DEFAULT '30 minutes'
                   CONSTRAINT job_max_runtime_positive CHECK (max_runtime > interval '0'),
    max_retries    integer     NOT NULL DEFAULT 0
                   CONSTRAINT job_max_retries_not_negative CHECK (max_retries >= 0),
    retry_backoff  interval    NOT NULL DEFAULT '30 seconds'
                   CONSTRAINT job_retry_backoff_not_negative CHECK (retry_backoff >= interval '0'),
    concurrency    text        NOT NULL DEFAULT 'forbid'
                   CONSTRAINT job_concurrency_valid CHECK (concurrency IN ('forbid', 'allow')),
    recoverable    boolean     NOT NULL DEFAULT true,
    isolated       boolean     NOT NULL DEFAULT false,
    params         jsonb       NOT NULL DEFAULT '{}'
                   CONSTRAINT job_params_object CHECK (jsonb_typeof(params) = 'object'),
    -- server-maintained, read-only for operators
    next_fire_at   timestamptz,
    last_run_at    timestamptz,
    last_status    text,
    schedule_error text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    -- bumped on every operator change; a node applies each version to Quartz once
    version        bigint      NOT NULL DEFAULT 1
);

CREATE INDEX job_category ON netcron.job (category);

-- One row per execution attempt; never updated after it ends.
CREATE TABLE netcron.job_run (
    id           bigserial   PRIMARY KEY,
    job_name     text        NOT NULL,
    scheduled_at timestamptz NOT NULL,
    started_at   timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz,
    node_id      text        NOT NULL,
    attempt      integer     NOT NULL DEFAULT 1 CONSTRAINT job_run_attempt_positive CHECK (attempt >= 1),
    cause        text        NOT NULL
                 CONSTRAINT job_run_cause_valid CHECK (cause IN ('schedule', 'manual', 'retry', 'recovery', 'catch_up')),
    status       text        NOT NULL
                 CONSTRAINT job_run_status_valid CHECK (status IN ('running', 'succeeded', 'failed', 'timed_out', 'abandoned', 'skipped')),
    result       jsonb,
    error        text,
    output       text,
    duration_ms  bigint,
    -- a run of a job whose concurrency is 'forbid'; at most one such run is 'running' per job
    exclusive    boolean     NOT NULL DEFAULT false,
    CONSTRAINT job_run_once_per_fire_time UNIQUE (job_name, scheduled_at, attempt)
);

CREATE INDEX job_run_by_job ON netcron.job_run (job_name, started_at DESC);
CREATE INDEX job_run_by_start ON netcron.job_run (started_at DESC);
CREATE INDEX job_run_running ON netcron.job_run (node_id) WHERE status = 'running';
CREATE UNIQUE INDEX job_run_one_exclusive_running ON netcron.job_run (job_name)
    WHERE status = 'running' AND exclusive;

-- Cluster members.
CREATE TABLE netcron.node (
    node_id         text        PRIMARY KEY,
    host            text        NOT NULL,
    pid             bigint      NOT NULL,
    version         text        NOT NULL,
    started_at      timestamptz NOT NULL,
    last_seen       timestamptz NOT NULL,
    state           text        NOT NULL,
    threads         integer     NOT NULL DEFAULT 0,
    clock_offset_ms integer,
    jobs_discovered text[]      NOT NULL DEFAULT '{}',
    unknown_jobs    text[]      NOT NULL DEFAULT '{}'
);

-- Run-now requests: insert a row; one node runs it and fills handled_at and run_id or error.
CREATE TABLE netcron.job_request (
    id           bigserial   PRIMARY KEY,
    job_name     text        NOT NULL,
    params       jsonb       CONSTRAINT job_request_params_object CHECK (params IS NULL OR jsonb_typeof(params) = 'object'),
    force        boolean     NOT NULL DEFAULT false,
    requested_by text        NOT NULL DEFAULT current_user,
    requested_at timestamptz NOT NULL DEFAULT now(),
    handled_at   timestamptz,
    handled_by   text,
    run_id       bigint,
    error        text
);

CREATE INDEX job_request_pending ON netcron.job_request (id) WHERE handled_at IS NULL;

-- Audit log of netcron.job, written by a trigger.
CREATE TABLE netcron.job_change (
    id               bigserial   PRIMARY KEY,
    changed_at       timestamptz NOT NULL DEFAULT now(),
    db_user          text        NOT NULL DEFAULT current_user,
    application_name text,
    operation        text        NOT NULL,
    job_name         text        NOT NULL,
    old_row          jsonb,
    new_row          jsonb
);

CREATE INDEX job_change_by_job ON netcron.job_change (job_name, changed_at DESC);

-- The columns an operator owns; a change to any of them is a new version of the job.
CREATE FUNCTION netcron.job_operator_columns(j netcron.job) RETURNS jsonb
    LANGUAGE sql IMMUTABLE AS $$
    SELECT to_jsonb(j) - ARRAY['next_fire_at', 'last_run_at', 'last_status', 'schedule_error',
                               'created_at', 'updated_at', 'version']
$$;

CREATE FUNCTION netcron.job_before_update() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF netcron.job_operator_columns(NEW) IS DISTINCT FROM netcron.job_operator_columns(OLD) THEN
        NEW.version := OLD.version + 1;
        NEW.updated_at := now();
    ELSE
        NEW.version := OLD.version;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER job_versioning BEFORE UPDATE ON netcron.job
    FOR EACH ROW EXECUTE FUNCTION netcron.job_before_update();

-- Audit and notify: only operator-visible changes, not the nodes' bookkeeping.
CREATE FUNCTION netcron.job_after_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.version = OLD.version THEN
        RETURN NULL;
    END IF;
    INSERT INTO netcron.job_change (db_user, application_name, operation, job_name, old_row, new_row)
    VALUES (current_user, current_setting('application_name', true), TG_OP,
            COALESCE(NEW.name, OLD.name),
            CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE to_jsonb(OLD) END,
            CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE to_jsonb(NEW) END);
    PERFORM pg_notify('netcron_job', COALESCE(NEW.name, OLD.name));
    RETURN NULL;
END
$$;

CREATE TRIGGER job_audit AFTER INSERT OR UPDATE OR DELETE ON netcron.job
    FOR EACH ROW EXECUTE FUNCTION netcron.job_after_change();

CREATE FUNCTION netcron.job_request_notify() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('netcron_request', NEW.id::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER job_request_inserted AFTER INSERT ON netcron.job_request
    FOR EACH ROW EXECUTE FUNCTION netcron.job_request_notify();
