package io.netcron.git;

/** A git operation failed; the message names the repository (or remote) and what went wrong, in one line, with no secret. */
public final class GitException
        extends RuntimeException
{
    public GitException(String message)
    {
        super(message);
    }

    public GitException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
