-- A missed fire time queues its alert only when some alert route is enabled (as run alerts do).
-- Under overload netcron records thousands of missed times in one statement; each row's trigger
-- opened a subtransaction and called alert_enqueue even with no route to send to (176 ms per
-- insert of ~770 rows in the 1,000-due/s benchmark, docs/benchmarks.md).
CREATE OR REPLACE FUNCTION netcron.missed_fire_alert() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM netcron.alert_route WHERE enabled) THEN
        RETURN NULL;
    END IF;
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
