package io.netcron.server.schedule;

/** A schedule that cannot be used; the message says why in one line. */
public final class InvalidScheduleException
        extends IllegalArgumentException
{
    public InvalidScheduleException(String message)
    {
        super(message);
    }

    /** The one wording, wherever a schedule is checked (node, CLI/JMX edit, dashboard preview), for a schedule with no fire time left. */
    public static InvalidScheduleException neverFires(String schedule)
    {
        return new InvalidScheduleException("'" + schedule + "' never fires from now on");
    }
}
