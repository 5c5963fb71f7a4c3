package io.netcron.server.clients;

import com.google.inject.AbstractModule;
import io.netcron.reach.Reachability;
import io.netcron.server.config.ReachConfig;

import static java.util.Objects.requireNonNull;

/** The reachability client, bounded by {@code reach.*}. */
public final class ReachabilityModule
        extends AbstractModule
{
    private final ReachConfig config;

    public ReachabilityModule(ReachConfig config)
    {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    protected void configure()
    {
        bind(Reachability.class).toInstance(new Reachability(config.limits()));
    }
}
