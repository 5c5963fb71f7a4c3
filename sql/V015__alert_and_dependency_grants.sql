-- The operator and reader roles (V014) on the tables that alerts, job dependencies and the node-owned
-- job state added (V010-V012): operators route alerts and chain jobs by SQL like they edit jobs;
-- the outbox, incidents and job state are written by the nodes only.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'netcron_operator') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON netcron.alert_route, netcron.job_dependency TO netcron_operator;
        GRANT SELECT ON netcron.alert_outbox, netcron.alert_incident, netcron.job_state TO netcron_operator;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'netcron_reader') THEN
        GRANT SELECT ON netcron.alert_route, netcron.job_dependency, netcron.alert_outbox, netcron.alert_incident, netcron.job_state
            TO netcron_reader;
    END IF;
END
$$;
