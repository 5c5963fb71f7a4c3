-- Progress of a run as the job reports it (context.progress(done, total)): the node writes it at
-- most about once a second while the run goes (never inside Quartz's locks), so `netcron history`,
-- `netcron jobs` and consoles can show "412/1000" for a running job. It keeps the last value
-- written when the run ends; NULL when the job never reported progress.
ALTER TABLE netcron.job_run
    ADD COLUMN progress_done  bigint,
    ADD COLUMN progress_total bigint,
    ADD CONSTRAINT job_run_progress_valid
        CHECK ((progress_done IS NULL AND progress_total IS NULL) OR (progress_done >= 0 AND progress_total >= 0));
