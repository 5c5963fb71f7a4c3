package io.netcron.server.config;

import com.google.inject.AbstractModule;

import static java.util.Objects.requireNonNull;

/** Binds each subsystem's config record. */
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
        bind(DnsConfig.class).toInstance(config.dns());
        bind(ReachConfig.class).toInstance(config.reach());
        bind(ReportsConfig.class).toInstance(config.reports());
        bind(ScriptsConfig.class).toInstance(config.scripts());
        bind(GitConfig.class).toInstance(config.git());
        bind(HttpClientConfig.class).toInstance(config.httpClient());
        bind(IpamConfig.class).toInstance(config.ipam());
        bind(SplunkConfig.class).toInstance(config.splunk());
        bind(CredentialsConfig.class).toInstance(config.credentials());
        bind(SshConfig.class).toInstance(config.ssh());
        bind(AlertsConfig.class).toInstance(config.alerts());
    }
}
