-- Cluster-wide run counts per job and final status, kept by a trigger on netcron.job_run, so a
-- console (JMX io.netcron:type=Job) can show success/failure/skipped counts and the last
-- duration without scanning the whole run history. Counts cover the history since this
-- migration (existing rows are counted once below); pruning old job_run rows leaves them alone.
CREATE TABLE netcron.job_run_total (
    job_name         text        NOT NULL,
    status           text        NOT NULL,
    runs             bigint      NOT NULL,
    last_finished_at timestamptz,
    last_duration_ms bigint,
    PRIMARY KEY (job_name, status)
);

CREATE FUNCTION netcron.job_run_count() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    -- count a run once, when it gets its final status (inserted as such, or leaving 'running')
    IF NEW.status = 'running' OR (TG_OP = 'UPDATE' AND OLD.status <> 'running') THEN
        RETURN NULL;
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

CREATE TRIGGER job_run_counted AFTER INSERT OR UPDATE OF status ON netcron.job_run
    FOR EACH ROW EXECUTE FUNCTION netcron.job_run_count();

INSERT INTO netcron.job_run_total (job_name, status, runs, last_finished_at, last_duration_ms)
SELECT job_name, status, count(*), max(finished_at),
       (array_agg(duration_ms ORDER BY finished_at DESC NULLS LAST))[1]
FROM netcron.job_run
WHERE status <> 'running'
GROUP BY job_name, status;
