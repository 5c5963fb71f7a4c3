-- Firings the database refused because their (job, fire time, attempt) already had a run: the
-- scheduler fired twice and netcron.job_run's unique key kept it to one run. Exactly-once held;
-- a row here says it had to. Written by the nodes (rarely: a row is a bug or a fault worth a look);
-- read-only for operators. The cluster tests assert this table stays empty.
CREATE TABLE netcron.refused_firing (
    id           bigserial   PRIMARY KEY,
    job_name     text        NOT NULL,
    scheduled_at timestamptz NOT NULL,
    attempt      integer     NOT NULL,
    node_id      text        NOT NULL,
    refused_at   timestamptz NOT NULL DEFAULT now()
);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'netcron_operator') THEN
        GRANT SELECT ON netcron.refused_firing TO netcron_operator;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'netcron_reader') THEN
        GRANT SELECT ON netcron.refused_firing TO netcron_reader;
    END IF;
END
$$;
