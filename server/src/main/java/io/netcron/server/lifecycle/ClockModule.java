package io.netcron.server.lifecycle;

import com.google.inject.AbstractModule;

import java.time.Clock;

/**
 * The node's time source. Code that decides when something happens (a retry's start, a run-now
 * firing) takes a {@link Clock}, so tests can run those decisions at a time they choose; decisions
 * made in SQL use the database's clock ({@code now()}), the cluster's reference.
 */
public final class ClockModule
        extends AbstractModule
{
    private final Clock clock;

    public ClockModule()
    {
        this(Clock.systemUTC());
    }

    public ClockModule(Clock clock)
    {
        this.clock = clock;
    }

    @Override
    protected void configure()
    {
        bind(Clock.class).toInstance(clock);
    }
}
