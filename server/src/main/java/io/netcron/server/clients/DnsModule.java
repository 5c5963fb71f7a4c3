package io.netcron.server.clients;

import com.google.inject.AbstractModule;
import io.netcron.dns.DnsClient;
import io.netcron.server.config.DnsConfig;

import static java.util.Objects.requireNonNull;

/** The DNS client, with {@code dns.timeout}. */
public final class DnsModule
        extends AbstractModule
{
    private final DnsConfig config;

    public DnsModule(DnsConfig config)
    {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    protected void configure()
    {
        bind(DnsClient.class).toInstance(new DnsClient(config.timeout()));
    }
}
