-- A run marked 'abandoned' while its node was in fact alive (judged dead during a long pause)
-- still records its real end when it finishes (RunHistory.finish). The run counts follow it: the
-- run leaves the 'abandoned' count and is counted under its real final status.
CREATE OR REPLACE FUNCTION netcron.job_run_count() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    -- count a run once, when it gets its final status (inserted as such, or leaving 'running'),
    -- and move it when it leaves 'abandoned' for its real end
    IF NEW.status = 'running'
       OR (TG_OP = 'UPDATE' AND (OLD.status NOT IN ('running', 'abandoned') OR OLD.status = NEW.status)) THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.status = 'abandoned' THEN
        UPDATE netcron.job_run_total SET runs = greatest(runs - 1, 0)
        WHERE job_name = OLD.job_name AND status = 'abandoned';
    END IF;
    INSERT INTO netcron.job_run_total AS total (job_name, status, runs, last_finished_at, last_duration_ms)
    VALUES (NEW.job_name, NEW.status, 1, COALESCE(NEW.finished_at, now()), NEW.duration_ms)
    ON CONFLICT (job_name, status) DO UPDATE
        SET runs = total.runs + 1,
            last_duration_ms = CASE WHEN total.last_finished_at IS NULL OR excluded.last_finished_at >= total.last_finished_at
                                    THEN excluded.last_duration_ms ELSE total.last_duration_ms END,
            last_finished_at = greatest(total.last_finished_at, excluded.last_finished_at);
    RETURN NULL;
END
$$;
