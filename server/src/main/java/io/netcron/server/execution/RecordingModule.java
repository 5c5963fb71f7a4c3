package io.netcron.server.execution;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;

/** Runs are recorded in {@code netcron.job_run}; installed wherever there is a database (else {@link RunRecorder#NONE}). */
public final class RecordingModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        bind(RunRecorder.class).to(DatabaseRunRecorder.class).in(Scopes.SINGLETON);
    }
}
