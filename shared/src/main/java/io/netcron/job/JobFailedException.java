package io.netcron.job;

import java.util.Optional;

/** A failure the job describes itself; its message is stored as the run's error. */
public class JobFailedException
        extends Exception
{
    private final transient JobResult result;


    public JobFailedException(String message)
    {
        this(message, null, null);
    }

    public JobFailedException(String message, Throwable cause)
    {
        this(message, cause, null);
    }

    /** A failed run that still has a summary to keep (e.g. a fan-out's counts). */
    public JobFailedException(String message, JobResult result)
    {
        this(message, null, result);
    }

    private JobFailedException(String message, Throwable cause, JobResult result)
    {
        super(message, cause);
        this.result = result;
    }

    /** The summary stored with the failed run, if the job gave one. */
    public Optional<JobResult> result()
    {
        return Optional.ofNullable(result);
    }
}
