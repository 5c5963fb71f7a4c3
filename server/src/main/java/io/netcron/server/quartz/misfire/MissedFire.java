package io.netcron.server.quartz.misfire;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * One fire time of a job that no node ran within the misfire threshold; {@code droppedOutcome} is
 * set on the row standing for the times dropped beyond {@code quartz.catch-up-max} (recorded as handled).
 */
record MissedFire(String jobName, Instant scheduledAt, String droppedOutcome)
{
    MissedFire
    {
        requireNonNull(jobName, "jobName is null");
        requireNonNull(scheduledAt, "scheduledAt is null");
    }

    static MissedFire missed(String jobName, Instant scheduledAt)
    {
        return new MissedFire(jobName, scheduledAt, null);
    }
}
