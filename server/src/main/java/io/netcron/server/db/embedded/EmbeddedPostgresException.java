package io.netcron.server.db.embedded;

// Thrown when the embedded PostgreSQL cannot be prepared, started or reached. The message is one
// line that tells the user what to do; the cause, if any, is kept for debugging only.
public final class EmbeddedPostgresException
        extends RuntimeException
{
    public EmbeddedPostgresException(String message)
    {
        super(message);
    }

    public EmbeddedPostgresException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
