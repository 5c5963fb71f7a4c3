-- The nodes' bookkeeping on netcron.job (next_fire_at, last_run_at, last_status, schedule_error),
-- refreshed in bulk every second by JobStateRefresh, no longer runs the operator's row triggers:
-- validation and versioning fire only for an UPDATE that sets an operator column (or the guarded
-- version/created_at/updated_at), and the audit trigger queues its event only for a new version.
-- With 1,000 jobs firing each second these were three PL/pgSQL calls and a queued after-trigger
-- event per job and second, all deciding "bookkeeping only, nothing to do" (docs/benchmarks.md).
-- A column added to netcron.job later must be added to both lists below (JobStateRefreshTest checks).
DROP TRIGGER job_validate ON netcron.job;
CREATE TRIGGER job_validate
    BEFORE INSERT OR UPDATE OF name, category, description, kind, implementation, schedule, time_zone, enabled,
        misfire_policy, max_runtime, max_retries, retry_backoff, concurrency, recoverable, isolated, params,
        created_at, updated_at, version
    ON netcron.job
    FOR EACH ROW EXECUTE FUNCTION netcron.job_validate();

DROP TRIGGER job_versioning ON netcron.job;
CREATE TRIGGER job_versioning
    BEFORE UPDATE OF name, category, description, kind, implementation, schedule, time_zone, enabled,
        misfire_policy, max_runtime, max_retries, retry_backoff, concurrency, recoverable, isolated, params,
        created_at, updated_at, version
    ON netcron.job
    FOR EACH ROW EXECUTE FUNCTION netcron.job_before_update();

DROP TRIGGER job_audit ON netcron.job;
CREATE TRIGGER job_audit AFTER INSERT OR DELETE ON netcron.job
    FOR EACH ROW EXECUTE FUNCTION netcron.job_after_change();
CREATE TRIGGER job_audit_update AFTER UPDATE ON netcron.job
    FOR EACH ROW WHEN (OLD.version IS DISTINCT FROM NEW.version) EXECUTE FUNCTION netcron.job_after_change();
