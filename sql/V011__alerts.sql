-- Alerts (docs: README "Alerts"). Events are written by triggers in the same transaction as what
-- caused them (a run's end, a missed fire time, a schedule error), one outbox row per matching
-- route, so an event is never lost with a node and never blocks or fails the run: a failure inside
-- the alert triggers is turned into a WARNING and the run's end commits without its alert.
-- Any node claims pending rows with FOR UPDATE SKIP LOCKED and delivers them.

-- Where alerts go. job = a job name or '*' (the default route: used for a job no route names for
-- that event); category narrows a '*' route to one category; events NULL = every event type.
-- A secret target (a webhook URL with a token, an SMTP password) lives in netcron.credential and
-- is named by credential; target then stays NULL (webhooks) or holds the address (email).
CREATE TABLE netcron.alert_route (
    id         bigserial   PRIMARY KEY,
    job        text        NOT NULL DEFAULT '*',
    category   text,
    events     text[],
    channel    text        NOT NULL
               CONSTRAINT alert_route_channel_valid CHECK (channel IN ('webhook', 'slack', 'teams', 'email')),
    target     text,
    credential text,
    enabled    boolean     NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text        NOT NULL DEFAULT current_user,
    CONSTRAINT alert_route_events_valid CHECK (events IS NULL OR events <@ ARRAY['failed', 'timed_out', 'missed', 'skipped',
        'long_run', 'node_lost', 'schedule_error', 'recovered', 'schedule_ok']::text[]),
    CONSTRAINT alert_route_has_target CHECK (target IS NOT NULL OR credential IS NOT NULL),
    CONSTRAINT alert_route_email_address CHECK (channel <> 'email' OR (target IS NOT NULL AND target LIKE '%@%'))
);

-- Clear messages for bad routes (the constraints above stay as the backstop).
CREATE FUNCTION netcron.alert_route_validate() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    v_unknown text[];
BEGIN
    IF NEW.channel IS NULL OR NEW.channel NOT IN ('webhook', 'slack', 'teams', 'email') THEN
        RAISE EXCEPTION 'netcron.alert_route.channel must be webhook, slack, teams or email, got ''%''', NEW.channel
            USING ERRCODE = 'check_violation', CONSTRAINT = 'alert_route_channel_valid';
    END IF;
    SELECT array_agg(e) INTO v_unknown FROM unnest(NEW.events) e
    WHERE e NOT IN ('failed', 'timed_out', 'missed', 'skipped', 'long_run', 'node_lost', 'schedule_error', 'recovered', 'schedule_ok');
    IF v_unknown IS NOT NULL THEN
        RAISE EXCEPTION 'netcron.alert_route.events: unknown event type(s) %; known: failed, timed_out, missed, skipped, long_run, node_lost, schedule_error, recovered, schedule_ok', v_unknown
            USING ERRCODE = 'check_violation', CONSTRAINT = 'alert_route_events_valid';
    END IF;
    IF NEW.target IS NULL AND NEW.credential IS NULL THEN
        RAISE EXCEPTION 'netcron.alert_route needs a target (URL or e-mail address) or a credential (holding the webhook URL in its url field)'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'alert_route_has_target';
    END IF;
    IF NEW.channel = 'email' AND (NEW.target IS NULL OR NEW.target !~ '^[^@\s,]+@[^@\s,]+(\s*,\s*[^@\s,]+@[^@\s,]+)*$') THEN
        RAISE EXCEPTION 'netcron.alert_route.target of an email route must be one or more e-mail addresses (comma separated), got ''%''', NEW.target
            USING ERRCODE = 'check_violation', CONSTRAINT = 'alert_route_email_address';
    END IF;
    IF NEW.channel <> 'email' AND NEW.target IS NOT NULL AND NEW.target !~* '^https?://' THEN
        RAISE EXCEPTION 'netcron.alert_route.target of a % route must be an http(s) URL', NEW.channel
            USING ERRCODE = 'check_violation', CONSTRAINT = 'alert_route_url';
    END IF;
    IF NEW.job <> '*' AND NOT EXISTS (SELECT 1 FROM netcron.job WHERE name = NEW.job) THEN
        RAISE EXCEPTION 'netcron.alert_route.job: no job ''%'' in netcron.job (use ''*'' for the default route)', NEW.job
            USING ERRCODE = 'foreign_key_violation', HINT = 'SELECT name FROM netcron.job lists the jobs';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER alert_route_validate BEFORE INSERT OR UPDATE ON netcron.alert_route
    FOR EACH ROW EXECUTE FUNCTION netcron.alert_route_validate();

-- One row per (event, route). state: pending -> sent | suppressed (de-duplicated) | failed (gave up
-- after the dispatcher's attempts; last_error says why).
CREATE TABLE netcron.alert_outbox (
    id              bigserial   PRIMARY KEY,
    route_id        bigint      NOT NULL REFERENCES netcron.alert_route (id) ON DELETE CASCADE,
    event           text        NOT NULL,
    -- what incidents are de-duplicated by: a job name, or 'node:<id>' for node_lost
    subject         text        NOT NULL,
    job_name        text,
    run_id          bigint,
    node_id         text,
    message         text        NOT NULL,
    details         jsonb       NOT NULL DEFAULT '{}',
    created_at      timestamptz NOT NULL DEFAULT now(),
    state           text        NOT NULL DEFAULT 'pending'
                    CONSTRAINT alert_outbox_state_valid CHECK (state IN ('pending', 'sent', 'suppressed', 'failed')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    sent_as         text,
    done_at         timestamptz,
    done_by         text
);

CREATE INDEX alert_outbox_pending ON netcron.alert_outbox (next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX alert_outbox_recent ON netcron.alert_outbox (created_at DESC);

-- Open incidents per route and subject (a job failing, a job's schedule error, ...): the dispatcher
-- sends the first event, then a reminder at most every alerts.reminder-interval, then 'recovered'.
CREATE TABLE netcron.alert_incident (
    route_id         bigint      NOT NULL REFERENCES netcron.alert_route (id) ON DELETE CASCADE,
    subject          text        NOT NULL,
    kind             text        NOT NULL,
    opened_at        timestamptz NOT NULL,
    last_event_at    timestamptz NOT NULL,
    last_notified_at timestamptz NOT NULL,
    events           integer     NOT NULL DEFAULT 1,
    PRIMARY KEY (route_id, subject, kind)
);

-- Inserts one outbox row per route that takes this event for this job: the routes naming the job,
-- or when none does, the '*' routes (of the job's category, or of any category).
CREATE FUNCTION netcron.alert_enqueue(p_event text, p_subject text, p_job text, p_run_id bigint, p_node text,
                                      p_message text, p_details jsonb) RETURNS void
    LANGUAGE plpgsql AS $$
DECLARE
    v_category text;
BEGIN
    SELECT category INTO v_category FROM netcron.job WHERE name = p_job;
    INSERT INTO netcron.alert_outbox (route_id, event, subject, job_name, run_id, node_id, message, details)
    SELECT r.id, p_event, p_subject, p_job, p_run_id, p_node, p_message, COALESCE(p_details, '{}')
    FROM netcron.alert_route r
    WHERE r.enabled
      AND (r.events IS NULL OR p_event = ANY (r.events))
      AND (r.job = p_job
           OR (r.job = '*' AND (r.category IS NULL OR r.category = v_category)
               AND NOT EXISTS (SELECT 1 FROM netcron.alert_route s
                               WHERE s.enabled AND s.job = p_job AND (s.events IS NULL OR p_event = ANY (s.events)))));
    IF FOUND THEN
        PERFORM pg_notify('netcron_alert', p_event);
    END IF;
END
$$;

-- A run's end: failed or timed out on its last attempt, recovered after a failure, far longer than
-- the median of its recent successful runs (factor: setting netcron.alert_long_run_factor, default 5,
-- once there are 5 earlier successes), skipped, or abandoned because its node was lost.
CREATE FUNCTION netcron.job_run_alert() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    v_max_retries integer;
    v_previous    text;
    v_median      double precision;
    v_samples     integer;
    v_factor      double precision;
BEGIN
    IF NEW.status = 'running' OR (TG_OP = 'UPDATE' AND OLD.status = NEW.status)
       OR NOT EXISTS (SELECT 1 FROM netcron.alert_route WHERE enabled) THEN
        RETURN NULL;
    END IF;
    BEGIN
        IF NEW.status IN ('failed', 'timed_out') THEN
            SELECT max_retries INTO v_max_retries FROM netcron.job WHERE name = NEW.job_name;
            IF NEW.attempt > COALESCE(v_max_retries, 0) THEN
                PERFORM netcron.alert_enqueue(NEW.status, NEW.job_name, NEW.job_name, NEW.id, NEW.node_id,
                    format('Job %s %s (run %s, attempt %s on node %s): %s', NEW.job_name,
                           CASE NEW.status WHEN 'failed' THEN 'failed' ELSE 'timed out' END,
                           NEW.id, NEW.attempt, NEW.node_id, COALESCE(left(NEW.error, 500), 'no error message')),
                    jsonb_build_object('status', NEW.status, 'attempt', NEW.attempt, 'scheduled_at', NEW.scheduled_at,
                                       'duration_ms', NEW.duration_ms));
            END IF;
        ELSIF NEW.status = 'succeeded' THEN
            SELECT status INTO v_previous FROM netcron.job_run
            WHERE job_name = NEW.job_name AND id <> NEW.id AND status NOT IN ('running', 'skipped')
            ORDER BY started_at DESC LIMIT 1;
            IF v_previous IN ('failed', 'timed_out', 'abandoned') THEN
                PERFORM netcron.alert_enqueue('recovered', NEW.job_name, NEW.job_name, NEW.id, NEW.node_id,
                    format('Job %s recovered: run %s succeeded on node %s', NEW.job_name, NEW.id, NEW.node_id),
                    jsonb_build_object('status', NEW.status, 'previous_status', v_previous));
            END IF;
            SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d), count(*) INTO v_median, v_samples
            FROM (SELECT duration_ms AS d FROM netcron.job_run
                  WHERE job_name = NEW.job_name AND id <> NEW.id AND status = 'succeeded' AND duration_ms IS NOT NULL
                  ORDER BY started_at DESC LIMIT 20) recent;
            v_factor := COALESCE(NULLIF(current_setting('netcron.alert_long_run_factor', true), '')::double precision, 5);
            IF v_samples >= 5 AND NEW.duration_ms IS NOT NULL AND v_median > 0 AND NEW.duration_ms > v_factor * v_median THEN
                PERFORM netcron.alert_enqueue('long_run', NEW.job_name, NEW.job_name, NEW.id, NEW.node_id,
                    format('Job %s ran %s ms (run %s), over %s times its median of %s ms', NEW.job_name, NEW.duration_ms,
                           NEW.id, v_factor, round(v_median::numeric)),
                    jsonb_build_object('duration_ms', NEW.duration_ms, 'median_ms', v_median, 'factor', v_factor));
            END IF;
        ELSIF NEW.status = 'skipped' THEN
            PERFORM netcron.alert_enqueue('skipped', NEW.job_name, NEW.job_name, NEW.id, NEW.node_id,
                format('Job %s skipped its fire time %s: %s', NEW.job_name, NEW.scheduled_at, COALESCE(NEW.error, 'no reason recorded')),
                jsonb_build_object('scheduled_at', NEW.scheduled_at));
        ELSIF NEW.status = 'abandoned' THEN
            PERFORM netcron.alert_enqueue('node_lost', 'node:' || NEW.node_id, NEW.job_name, NEW.id, NEW.node_id,
                format('Node %s was lost while running job %s (run %s); the run is abandoned', NEW.node_id, NEW.job_name, NEW.id),
                jsonb_build_object('scheduled_at', NEW.scheduled_at));
        END IF;
    EXCEPTION WHEN OTHERS THEN
        RAISE WARNING 'netcron: alert for run % of job % not queued: %', NEW.id, NEW.job_name, SQLERRM;
    END;
    RETURN NULL;
END
$$;

CREATE TRIGGER job_run_alert AFTER INSERT OR UPDATE OF status ON netcron.job_run
    FOR EACH ROW EXECUTE FUNCTION netcron.job_run_alert();

CREATE FUNCTION netcron.missed_fire_alert() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    BEGIN
        PERFORM netcron.alert_enqueue('missed', NEW.job_name, NEW.job_name, NULL, NEW.detected_by,
            format('Job %s missed its fire time %s (no node ran it in time; policy %s)', NEW.job_name, NEW.scheduled_at, NEW.policy),
            jsonb_build_object('scheduled_at', NEW.scheduled_at, 'policy', NEW.policy));
    EXCEPTION WHEN OTHERS THEN
        RAISE WARNING 'netcron: missed-fire alert for job % not queued: %', NEW.job_name, SQLERRM;
    END;
    RETURN NULL;
END
$$;

CREATE TRIGGER missed_fire_alert AFTER INSERT ON netcron.missed_fire
    FOR EACH ROW EXECUTE FUNCTION netcron.missed_fire_alert();

CREATE FUNCTION netcron.job_schedule_error_alert() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.schedule_error IS NOT DISTINCT FROM OLD.schedule_error THEN
        RETURN NULL;
    END IF;
    BEGIN
        IF NEW.schedule_error IS NOT NULL THEN
            PERFORM netcron.alert_enqueue('schedule_error', NEW.name, NEW.name, NULL, NULL,
                format('Job %s cannot be scheduled: %s', NEW.name, NEW.schedule_error),
                jsonb_build_object('schedule', NEW.schedule, 'schedule_error', NEW.schedule_error));
        ELSE
            PERFORM netcron.alert_enqueue('schedule_ok', NEW.name, NEW.name, NULL, NULL,
                format('Job %s is scheduled again (schedule %s)', NEW.name, COALESCE(NEW.schedule, 'on demand')),
                jsonb_build_object('schedule', NEW.schedule));
        END IF;
    EXCEPTION WHEN OTHERS THEN
        RAISE WARNING 'netcron: schedule-error alert for job % not queued: %', NEW.name, SQLERRM;
    END;
    RETURN NULL;
END
$$;

CREATE TRIGGER job_schedule_error_alert AFTER UPDATE OF schedule_error ON netcron.job
    FOR EACH ROW EXECUTE FUNCTION netcron.job_schedule_error_alert();

-- Nodes found silent (netcron.node.last_seen too old while not 'stopped'), once per node start:
-- the node that inserts the row queues the node_lost alert, so the cluster sends it once.
CREATE TABLE netcron.alert_node_lost (
    node_id     text        NOT NULL,
    started_at  timestamptz NOT NULL,
    detected_at timestamptz NOT NULL DEFAULT now(),
    detected_by text        NOT NULL,
    PRIMARY KEY (node_id, started_at)
);
