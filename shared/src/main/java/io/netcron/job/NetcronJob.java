package io.netcron.job;

/**
 * A job. Annotate the class with {@link JobSpec}; shared clients come through an
 * {@code @Inject} constructor. A new instance is created for every run.
 */
public interface NetcronJob
{
    /**
     * Does the work and returns a small JSON-able summary. Throwing marks the run failed
     * (and retried per the job's policy). Long loops should check
     * {@link JobContext#checkInterrupted()} so max runtime can stop them.
     */
    JobResult execute(JobContext context)
            throws Exception;
}
