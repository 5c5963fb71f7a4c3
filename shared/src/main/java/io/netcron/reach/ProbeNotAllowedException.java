package io.netcron.reach;

/** A probe or sweep outside what the caller allowed (or larger than the configured maximum): nothing was sent. */
public final class ProbeNotAllowedException
        extends RuntimeException
{
    public ProbeNotAllowedException(String message)
    {
        super(message);
    }
}
