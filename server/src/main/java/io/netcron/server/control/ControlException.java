package io.netcron.server.control;

/** An operator request that cannot be carried out; the message says why in one line. */
public final class ControlException
        extends RuntimeException
{
    public ControlException(String message)
    {
        super(message);
    }
}
