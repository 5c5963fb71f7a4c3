-- Operator control (docs/operators.md): clear messages for bad values, run-now bookkeeping,
-- which implementations each node has, and indexes for retention and the audit log.

-- Bad values are refused at INSERT/UPDATE time with a message that names the column, the value and
-- what is allowed (the V002 check constraints stay as the backstop; this trigger runs before them).
-- Values only a node can judge (cron expression, time zone, implementation) are reported in
-- netcron.job.schedule_error instead, and the previous valid settings stay in force.
CREATE FUNCTION netcron.job_validate() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.name IS NOT NULL AND NEW.name !~ '^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,199}$' THEN
        RAISE EXCEPTION 'netcron.job.name must be 1-200 letters, digits or _.:@- (starting with a letter or digit), got ''%''', NEW.name
            USING ERRCODE = 'check_violation', CONSTRAINT = 'job_name_format';
    END IF;
    IF NEW.kind IS NOT NULL AND NEW.kind NOT IN ('java', 'script') THEN
        RAISE EXCEPTION 'netcron.job.kind must be java or script, got ''%'' (job %)', NEW.kind, NEW.name
            USING ERRCODE = 'check_violation', CONSTRAINT = 'job_kind_valid';
    END IF;
    IF NEW.implementation IS NOT NULL AND btrim(NEW.implementation) = '' THEN
        RAISE EXCEPTION 'netcron.job.implementation must name a discovered job type or class, got an empty string (job %)', NEW.name
            USING ERRCODE = 'check_violation', CONSTRAINT = 'job_implementation_not_empty',
                  HINT = 'SELECT DISTINCT unnest(jobs_discovered) FROM netcron.node lists the job types the nodes know';
    END IF;
    IF NEW.misfire_policy IS NOT NULL AND NEW.misfire_policy NOT IN ('fire_once_now', 'skip', 'catch_up') THEN
        RAISE EXCEPTION 'netcron.job.misfire_policy must be fire_once_now, skip or catch_up, got ''%'' (job %)', NEW.misfire_policy, NEW.name
            USING ERRCODE = 'check_violation', CONSTRAINT = 'job_misfire_policy_valid';
    END IF;
    IF NEW.max_runtime IS NOT NULL AND NEW.max_runtime <= interval '0' THEN
        RAISE EXCEPTION 'netcron.job.max_runtime must be longer than 0, got % (job %)', NEW.max_runtime, NEW.name
            USING ERRCODE = 'check_violation', CONSTRAINT = 'job_max_runtime_positive';
    END IF;
    IF NEW.max_retries IS NOT NULL AND NEW.max_retries < 0 THEN
        RAISE EXCEPTION 'netcron.job.max_retries must be 0 or more, got % (job %)', NEW.max_retries, NEW.name
            USING ERRCODE = 'check_violation', CONSTRAINT = 'job_max_retries_not_negative';
    END IF;
    IF NEW.retry_backoff IS NOT NULL AND NEW.retry_backoff < interval '0' THEN
        RAISE EXCEPTION 'netcron.job.retry_backoff must not be negative, got % (job %)', NEW.retry_backoff, NEW.name
            USING ERRCODE = 'check_violation', CONSTRAINT = 'job_retry_backoff_not_negative';
    END IF;
    IF NEW.concurrency IS NOT NULL AND NEW.concurrency NOT IN ('forbid', 'allow') THEN
        RAISE EXCEPTION 'netcron.job.concurrency must be forbid or allow, got ''%'' (job %)', NEW.concurrency, NEW.name
            USING ERRCODE = 'check_violation', CONSTRAINT = 'job_concurrency_valid';
    END IF;
    IF NEW.params IS NOT NULL AND jsonb_typeof(NEW.params) <> 'object' THEN
        RAISE EXCEPTION 'netcron.job.params must be a JSON object such as {"duration_ms": 100}, got a JSON % (job %)', jsonb_typeof(NEW.params), NEW.name
            USING ERRCODE = 'check_violation', CONSTRAINT = 'job_params_object';
    END IF;
    RETURN NEW;
END
$$;

-- BEFORE triggers fire in name order: job_validate runs before job_versioning (V002).
CREATE TRIGGER job_validate BEFORE INSERT OR UPDATE ON netcron.job
    FOR EACH ROW EXECUTE FUNCTION netcron.job_validate();

-- Run-now: scheduled_at is the fire time the request's run is recorded under (job_run.scheduled_at):
-- requested_at truncated to the second plus ((id mod 999999) + 1) microseconds. Requests inserted by
-- one statement share requested_at but still get distinct fire times, and a request never lands on
-- a whole second, where a cron firing of the same job would be recorded. (Two requests for one job
-- could only collide if 999,999 of them were requested within the same second.)
ALTER TABLE netcron.job_request ADD COLUMN scheduled_at timestamptz;

CREATE FUNCTION netcron.job_request_before_write() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.params IS NOT NULL AND jsonb_typeof(NEW.params) <> 'object' THEN
        RAISE EXCEPTION 'netcron.job_request.params must be NULL or a JSON object such as {"duration_ms": 100}, got a JSON % (job %)',
                jsonb_typeof(NEW.params), NEW.job_name
            USING ERRCODE = 'check_violation', CONSTRAINT = 'job_request_params_object';
    END IF;
    IF TG_OP = 'INSERT' THEN
        NEW.scheduled_at := date_trunc('second', NEW.requested_at) + ((NEW.id % 999999) + 1) * interval '1 microsecond';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER job_request_before_write BEFORE INSERT OR UPDATE ON netcron.job_request
    FOR EACH ROW EXECUTE FUNCTION netcron.job_request_before_write();

-- the node that starts a request's run fills run_id by (job_name, scheduled_at)
CREATE INDEX job_request_awaiting_run ON netcron.job_request (job_name, scheduled_at)
    WHERE run_id IS NULL AND scheduled_at IS NOT NULL;

-- retention trims handled requests by age
CREATE INDEX job_request_handled ON netcron.job_request (handled_at) WHERE handled_at IS NOT NULL;

-- reading the audit log by time
CREATE INDEX job_change_by_time ON netcron.job_change (changed_at DESC);

-- The implementations (class names, script paths) each node's code has, next to the job type names
-- in jobs_discovered: a job whose implementation no live node has gets a schedule_error.
ALTER TABLE netcron.node ADD COLUMN implementations text[] NOT NULL DEFAULT '{}';
