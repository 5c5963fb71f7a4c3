-- Fire times that no node ran in time (misfires: all nodes down or busy for longer than
-- quartz.misfire-threshold), one row each, and what the job's misfire policy did with them:
--   skip          -> 'skipped'                 (also a 'skipped' row in netcron.job_run)
--   fire_once_now -> 'catch_up run scheduled'  for the newest missed time, 'superseded' for the others
--   catch_up      -> 'catch_up run scheduled'  for every one, run one after another, oldest first
-- At most quartz.catch-up-max times are kept per misfire; older ones get one 'dropped' row.
-- Written by the nodes; read-only for operators.
CREATE TABLE netcron.missed_fire (
    job_name     text        NOT NULL,
    scheduled_at timestamptz NOT NULL,
    policy       text        NOT NULL
                 CONSTRAINT missed_fire_policy_valid CHECK (policy IN ('fire_once_now', 'skip', 'catch_up')),
    detected_at  timestamptz NOT NULL DEFAULT now(),
    detected_by  text        NOT NULL,
    handled_at   timestamptz,
    outcome      text,
    PRIMARY KEY (job_name, scheduled_at)
);

CREATE INDEX missed_fire_pending ON netcron.missed_fire (job_name, scheduled_at) WHERE handled_at IS NULL;
CREATE INDEX missed_fire_recent ON netcron.missed_fire (detected_at DESC);
