package io.netcron.server.alerts;

import io.netcron.job.Deadline;
import jakarta.inject.Inject;

import java.util.EnumMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** The sender for each channel. */
public final class AlertSenders
{
    private final Map<AlertRoute.Channel, AlertSender> senders = new EnumMap<>(AlertRoute.Channel.class);

    @Inject
    public AlertSenders(WebhookPoster poster, EmailSender email)
    {
        requireNonNull(poster, "poster is null");
        senders.put(AlertRoute.Channel.WEBHOOK, WebhookSenders.webhook(poster));
        senders.put(AlertRoute.Channel.SLACK, WebhookSenders.slack(poster));
        senders.put(AlertRoute.Channel.TEAMS, WebhookSenders.teams(poster));
        senders.put(AlertRoute.Channel.EMAIL, requireNonNull(email, "email is null"));
    }

    public void send(AlertRoute route, Alert alert, Deadline deadline)
            throws AlertDeliveryException
    {
        senders.get(route.channel()).send(route, alert, deadline);
    }
}
