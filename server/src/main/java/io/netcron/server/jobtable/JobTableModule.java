package io.netcron.server.jobtable;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;

/** The job table ({@code netcron.job}) and its repository. */
public final class JobTableModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        bind(JobRepository.class).in(Scopes.SINGLETON);
    }
}
