-- Job dependencies (README "Job dependencies"): when an upstream run ends the way an edge asks for,
-- the downstream job gets a run-now request with cause 'dependency'. The request is inserted by a
-- trigger on netcron.job_run, in the transaction that records the upstream run's end: if the node
-- dies before that commits, neither exists; after it, the request is in the database and any node
-- runs it. A unique key on (job_name, trigger_run_id) makes a second request for the same upstream
-- run impossible.

ALTER TABLE netcron.job_run DROP CONSTRAINT job_run_cause_valid;
ALTER TABLE netcron.job_run ADD CONSTRAINT job_run_cause_valid
    CHECK (cause IN ('schedule', 'manual', 'retry', 'recovery', 'catch_up', 'dependency'));

-- the upstream run that caused a dependency request (NULL for an operator's request)
ALTER TABLE netcron.job_request ADD COLUMN trigger_run_id bigint;
CREATE UNIQUE INDEX job_request_once_per_trigger_run ON netcron.job_request (job_name, trigger_run_id)
    WHERE trigger_run_id IS NOT NULL;

-- job runs once depends_on has ended "on" (success | failure | completion; failure and completion
-- count a failed or timed-out run only after its last retry). With several upstreams (fan-in) the
-- job runs when every one of them has so ended within "within" and since the job's last
-- dependency run; each upstream end counts for one downstream run.
CREATE TABLE netcron.job_dependency (
    job        text        NOT NULL,
    depends_on text        NOT NULL,
    "on"       text        NOT NULL DEFAULT 'success'
               CONSTRAINT job_dependency_on_valid CHECK ("on" IN ('success', 'failure', 'completion')),
    within     interval    NOT NULL DEFAULT '1 hour'
               CONSTRAINT job_dependency_within_positive CHECK (within > interval '0'),
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text        NOT NULL DEFAULT current_user,
    PRIMARY KEY (job, depends_on),
    CONSTRAINT job_dependency_not_self CHECK (job <> depends_on)
);

CREATE INDEX job_dependency_by_upstream ON netcron.job_dependency (depends_on);

-- Refuses an edge naming a job that does not exist (a typo would never fire) or that closes a cycle,
-- naming the path. Serialized by a transaction-level advisory
-- lock so two concurrent inserts cannot each close half of a cycle.
CREATE FUNCTION netcron.job_dependency_check() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    v_path text[];
BEGIN
    IF NEW.job = NEW.depends_on THEN
        RAISE EXCEPTION 'netcron.job_dependency: job % cannot depend on itself', NEW.job
            USING ERRCODE = 'check_violation', CONSTRAINT = 'job_dependency_not_self';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM netcron.job WHERE name = NEW.job) THEN
        RAISE EXCEPTION 'netcron.job_dependency: no job ''%'' in netcron.job (job)', NEW.job
            USING ERRCODE = 'foreign_key_violation', HINT = 'SELECT name FROM netcron.job lists the jobs';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM netcron.job WHERE name = NEW.depends_on) THEN
        RAISE EXCEPTION 'netcron.job_dependency: no job ''%'' in netcron.job (depends_on)', NEW.depends_on
            USING ERRCODE = 'foreign_key_violation', HINT = 'SELECT name FROM netcron.job lists the jobs';
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('netcron.job_dependency'));
    -- walk upstream from depends_on: reaching job means job would (indirectly) depend on itself
    WITH RECURSIVE up (name, path) AS (
        SELECT d.depends_on, ARRAY[NEW.depends_on, d.depends_on]
        FROM netcron.job_dependency d
        WHERE d.job = NEW.depends_on AND NOT (d.job = NEW.job AND d.depends_on = NEW.depends_on)
        UNION ALL
        SELECT d.depends_on, up.path || d.depends_on
        FROM up JOIN netcron.job_dependency d ON d.job = up.name
        WHERE NOT d.depends_on = ANY (up.path)
    )
    SELECT path INTO v_path FROM up WHERE name = NEW.job LIMIT 1;
    IF NEW.depends_on = NEW.job OR v_path IS NOT NULL THEN
        RAISE EXCEPTION 'netcron.job_dependency: % depending on % would make a cycle: % -> %', NEW.job, NEW.depends_on,
                NEW.job, array_to_string(v_path, ' -> ')
            USING ERRCODE = 'check_violation', CONSTRAINT = 'job_dependency_acyclic',
                  HINT = 'read the path as "depends on"; remove one of its edges first';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER job_dependency_check BEFORE INSERT OR UPDATE ON netcron.job_dependency
    FOR EACH ROW EXECUTE FUNCTION netcron.job_dependency_check();

-- How a run ended, as dependency edges see it: 'success', 'failure' (failed or timed out on its
-- last attempt), or NULL (still running, skipped, abandoned, or a failure that will be retried).
CREATE FUNCTION netcron.job_run_outcome(p_status text, p_attempt integer, p_job text) RETURNS text
    LANGUAGE sql STABLE AS $$
    SELECT CASE
        WHEN p_status = 'succeeded' THEN 'success'
        WHEN p_status IN ('failed', 'timed_out')
             AND p_attempt > COALESCE((SELECT max_retries FROM netcron.job WHERE name = p_job), 0) THEN 'failure'
    END
$$;

CREATE FUNCTION netcron.job_run_dependents() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    v_outcome text;
    v_edge    netcron.job_dependency;
    v_since   timestamptz;
    v_missing integer;
BEGIN
    IF NEW.status = 'running' OR (TG_OP = 'UPDATE' AND OLD.status NOT IN ('running', 'abandoned')) OR OLD.status = NEW.status
       OR NOT EXISTS (SELECT 1 FROM netcron.job_dependency WHERE depends_on = NEW.job_name) THEN
        RETURN NULL;
    END IF;
    v_outcome := netcron.job_run_outcome(NEW.status, NEW.attempt, NEW.job_name);
    IF v_outcome IS NULL THEN
        RETURN NULL;
    END IF;
    -- a bug here must not lose the upstream run's end: it is logged as a WARNING instead
    BEGIN
    FOR v_edge IN
        SELECT * FROM netcron.job_dependency
        WHERE depends_on = NEW.job_name AND ("on" = 'completion' OR "on" = v_outcome)
        ORDER BY job
    LOOP
        -- one decision at a time per downstream job, so two upstreams ending together see each other
        PERFORM pg_advisory_xact_lock(hashtext('netcron.job_dependency:' || v_edge.job));
        SELECT max(requested_at) INTO v_since FROM netcron.job_request
        WHERE job_name = v_edge.job AND trigger_run_id IS NOT NULL;
        -- every other upstream must have a matching end within the window and since the last dependency run
        SELECT count(*) INTO v_missing
        FROM netcron.job_dependency d
        WHERE d.job = v_edge.job AND d.depends_on <> NEW.job_name
          AND NOT EXISTS (
              SELECT 1 FROM netcron.job_run r
              WHERE r.job_name = d.depends_on
                AND r.status IN ('succeeded', 'failed', 'timed_out')
                AND r.finished_at >= greatest(now() - d.within, COALESCE(v_since, '-infinity'))
                AND (d."on" = 'completion' OR d."on" = netcron.job_run_outcome(r.status, r.attempt, r.job_name))
                AND netcron.job_run_outcome(r.status, r.attempt, r.job_name) IS NOT NULL);
        IF v_missing = 0 THEN
            INSERT INTO netcron.job_request (job_name, requested_by, trigger_run_id)
            VALUES (v_edge.job, format('dependency: run %s of %s (%s)', NEW.id, NEW.job_name, v_outcome), NEW.id)
            ON CONFLICT (job_name, trigger_run_id) WHERE trigger_run_id IS NOT NULL DO NOTHING;
        END IF;
    END LOOP;
    EXCEPTION WHEN OTHERS THEN
        RAISE WARNING 'netcron: dependents of run % of job % not requested: %', NEW.id, NEW.job_name, SQLERRM;
    END;
    RETURN NULL;
END
$$;

CREATE TRIGGER job_run_dependents AFTER INSERT OR UPDATE OF status ON netcron.job_run
    FOR EACH ROW EXECUTE FUNCTION netcron.job_run_dependents();
