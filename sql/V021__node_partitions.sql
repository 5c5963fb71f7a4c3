-- How many Quartz partitions (scheduler names) each node runs: every live node of a cluster must
-- run the same number, or nodes would disagree about which partition holds a job. A starting node
-- compares its own number with the live nodes' and refuses to start on a mismatch.
ALTER TABLE netcron.node ADD COLUMN quartz_partitions integer;
COMMENT ON COLUMN netcron.node.quartz_partitions IS 'quartz.partitions of the node (jobs spread over that many Quartz scheduler names)';
