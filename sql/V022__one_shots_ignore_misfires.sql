-- Quartz's misfire handler is off in netcron (ClusteredJobStore.doRecoverMisfires; late cron triggers
-- are moved in bulk by LateTriggers). One-shot triggers (run-now, retry, catch-up, hand-off) carry
-- Quartz's "ignore misfire policy" instruction (-1) so that Quartz acquires and fires them however
-- late; new ones are built with it, this moves the existing ones (they used "fire now", which only
-- the misfire handler applied). Cron triggers keep "do nothing" (Quartz does not acquire them once
-- they are later than the misfire threshold).
UPDATE netcron.qrtz_triggers SET misfire_instr = -1 WHERE trigger_group <> 'netcron' AND misfire_instr <> -1;
