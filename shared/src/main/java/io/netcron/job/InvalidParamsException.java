package io.netcron.job;

/** A job's params do not fit its params record; the message names the field, on one line. */
public final class InvalidParamsException
        extends IllegalArgumentException
{
    public InvalidParamsException(String message)
    {
        super(message);
    }
}
