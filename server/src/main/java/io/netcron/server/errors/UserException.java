package io.netcron.server.errors;

/** A mistake the user can fix; printed as one line, no stack trace. */
public final class UserException
        extends RuntimeException
{
    public UserException(String message)
    {
        super(message);
    }
}
