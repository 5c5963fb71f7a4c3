package io.netcron.server.history;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import io.netcron.server.execution.DatabaseRunRecorder;
import io.netcron.server.execution.RunRecorder;
import io.netcron.server.jobtable.JobRepository;

public final class HistoryModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        bind(RunHistory.class).in(Scopes.SINGLETON);
        bind(JobRepository.class).in(Scopes.SINGLETON);
        bind(RunRecorder.class).to(DatabaseRunRecorder.class).in(Scopes.SINGLETON);
    }
}
