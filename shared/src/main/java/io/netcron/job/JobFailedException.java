package io.netcron.job;

/** A failure the job describes itself; its message is stored as the run's error. */
public class JobFailedException
        extends Exception
{
    public JobFailedException(String message)
    {
        super(message);
    }

    public JobFailedException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
