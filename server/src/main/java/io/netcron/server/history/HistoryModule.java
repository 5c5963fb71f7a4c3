package io.netcron.server.history;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;

public final class HistoryModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        bind(RunHistory.class).in(Scopes.SINGLETON);
    }
}
