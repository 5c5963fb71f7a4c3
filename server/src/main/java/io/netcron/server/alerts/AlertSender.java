package io.netcron.server.alerts;

import io.netcron.job.Deadline;

/** Delivers one alert over one channel to a route's target. */
public interface AlertSender
{
    void send(AlertRoute route, Alert alert, Deadline deadline)
            throws AlertDeliveryException;
}
