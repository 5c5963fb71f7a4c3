package io.netcron.server.alerts;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import io.netcron.server.lifecycle.Service;
import io.netcron.server.metrics.AlertMetrics;

/** Alert delivery: senders per channel, the outbox dispatcher and its periodic service. */
public final class AlertsModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        bind(AlertMetrics.class).in(Scopes.SINGLETON);
        bind(WebhookPoster.class).in(Scopes.SINGLETON);
        bind(EmailSender.class).in(Scopes.SINGLETON);
        bind(AlertSenders.class).in(Scopes.SINGLETON);
        bind(AlertRoutes.class).in(Scopes.SINGLETON);
        bind(AlertDispatcher.class).in(Scopes.SINGLETON);
        bind(NodeLossDetector.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), Service.class).addBinding().to(AlertsService.class).in(Scopes.SINGLETON);
    }
}
