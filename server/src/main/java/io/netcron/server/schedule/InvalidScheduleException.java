package io.netcron.server.schedule;

/** A schedule that cannot be used; the message says why in one line. */
public final class InvalidScheduleException
        extends IllegalArgumentException
{
    public InvalidScheduleException(String message)
    {
        super(message);
    }
}
