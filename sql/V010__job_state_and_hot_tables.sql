-- Per-firing bookkeeping moves off netcron.job (issue 9). Every run's end used to UPDATE the
-- operator's row (validation, versioning and audit triggers, and a row lock an operator's edit
-- could wait on) and every firing wrote next_fire_at the same way. Now a run's end upserts this
-- node-owned table in the same statement that completes its job_run row, and the columns
-- netcron.job.next_fire_at / last_run_at / last_status are refreshed from here and from Quartz's
-- trigger in bulk, by one node at a time, about every second (rows an operator holds are skipped
-- and refreshed next time). Operators keep reading netcron.job; netcron.job_state is the live value.
CREATE TABLE netcron.job_state (
    job_name    text        PRIMARY KEY,
    last_run_at timestamptz,
    last_status text,
    updated_at  timestamptz NOT NULL DEFAULT now()
) WITH (fillfactor = 50);

INSERT INTO netcron.job_state (job_name, last_run_at, last_status)
SELECT name, last_run_at, last_status FROM netcron.job WHERE last_run_at IS NOT NULL OR last_status IS NOT NULL;

-- Hot tables: updated or deleted at every firing (Quartz's triggers and fired triggers, its lock
-- and check-in rows; netcron's run rows and bookkeeping). PostgreSQL's default (vacuum once 20 %
-- of a table is dead) lets tables of a few hundred live rows collect tens of thousands of dead
-- ones a minute at hundreds of firings a second, and every acquisition scans them. Vacuum them
-- after a fixed number of dead rows, without the cost-based pause.
ALTER TABLE netcron.qrtz_triggers SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000,
    autovacuum_analyze_scale_factor = 0.05, autovacuum_vacuum_cost_delay = 0, fillfactor = 70);
ALTER TABLE netcron.qrtz_fired_triggers SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000,
    autovacuum_analyze_scale_factor = 0.05, autovacuum_vacuum_cost_delay = 0, fillfactor = 70);
ALTER TABLE netcron.qrtz_locks SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 500,
    autovacuum_vacuum_cost_delay = 0);
ALTER TABLE netcron.qrtz_scheduler_state SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 500,
    autovacuum_vacuum_cost_delay = 0);
ALTER TABLE netcron.job_state SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000,
    autovacuum_vacuum_cost_delay = 0);
ALTER TABLE netcron.job SET (autovacuum_vacuum_scale_factor = 0.05, autovacuum_vacuum_threshold = 2000,
    autovacuum_vacuum_cost_delay = 0);
-- grows by a row per firing and each row is updated once at its end
ALTER TABLE netcron.job_run SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.05,
    autovacuum_analyze_scale_factor = 0.02, autovacuum_vacuum_cost_delay = 0);
