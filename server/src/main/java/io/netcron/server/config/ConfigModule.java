package io.netcron.server.config;

import com.google.inject.AbstractModule;

import static java.util.Objects.requireNonNull;

/** Binds each subsystem's config record, and each shared client's record from {@link ClientsConfig}. */
public final class ConfigModule
        extends AbstractModule
{
    private final NetcronConfig config;

    public ConfigModule(NetcronConfig config)
    {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    protected void configure()
    {
        bind(NetcronConfig.class).toInstance(config);
        bind(DatabaseConfig.class).toInstance(config.database());
        bind(NodeConfig.class).toInstance(config.node());
        bind(QuartzConfig.class).toInstance(config.quartz());
        bind(HttpConfig.class).toInstance(config.http());
        bind(JmxConfig.class).toInstance(config.jmx());
        bind(HistoryConfig.class).toInstance(config.history());
        bind(ScriptsConfig.class).toInstance(config.scripts());
        bind(AlertsConfig.class).toInstance(config.alerts());

        ClientsConfig clients = config.clients();
        bind(ClientsConfig.class).toInstance(clients);
        bind(DnsConfig.class).toInstance(clients.dns());
        bind(ReachConfig.class).toInstance(clients.reach());
        bind(ReportsConfig.class).toInstance(clients.reports());
        bind(GitConfig.class).toInstance(clients.git());
        bind(HttpClientConfig.class).toInstance(clients.httpClient());
        bind(IpamConfig.class).toInstance(clients.ipam());
        bind(SplunkConfig.class).toInstance(clients.splunk());
        bind(CredentialsConfig.class).toInstance(clients.credentials());
        bind(SshConfig.class).toInstance(clients.ssh());
    }
}
