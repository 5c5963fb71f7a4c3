package io.netcron.server.alerts;

/** A delivery attempt failed; the message is one line naming the channel and host, never a secret. */
public final class AlertDeliveryException
        extends Exception
{
    public AlertDeliveryException(String message)
    {
        super(message);
    }
}
