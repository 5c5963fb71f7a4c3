package io.netcron.credentials;

/** A credential could not be had: unknown name, missing field, missing or wrong key. Never carries a secret. */
public class CredentialException
        extends RuntimeException
{
    public CredentialException(String message)
    {
        super(message);
    }

    public CredentialException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
