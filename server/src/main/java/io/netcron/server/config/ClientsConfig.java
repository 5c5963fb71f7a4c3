package io.netcron.server.config;

import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * The shared clients jobs get by injection ({@code clients.ClientModules}), one record each under
 * its own section: {@code dns.*}, {@code reach.*}, {@code reports.*}, {@code git.*},
 * {@code http-client.*}, {@code ipam.*}, {@code splunk.*} (IPAM and Splunk carry their own TLS
 * trust), {@code credentials.*} (where the credential store's key comes from) and {@code ssh.*}.
 * Grouped here so {@link NetcronConfig} lists the server's subsystems, not every client; each
 * record is still bound on its own ({@link ConfigModule}), so a component asks for just its own.
 */
public record ClientsConfig(
        DnsConfig dns,
        ReachConfig reach,
        ReportsConfig reports,
        GitConfig git,
        HttpClientConfig httpClient,
        IpamConfig ipam,
        SplunkConfig splunk,
        CredentialsConfig credentials,
        SshConfig ssh)
{
    public ClientsConfig
    {
        requireNonNull(dns, "dns is null");
        requireNonNull(reach, "reach is null");
        requireNonNull(reports, "reports is null");
        requireNonNull(git, "git is null");
        requireNonNull(httpClient, "httpClient is null");
        requireNonNull(ipam, "ipam is null");
        requireNonNull(splunk, "splunk is null");
        requireNonNull(credentials, "credentials is null");
        requireNonNull(ssh, "ssh is null");
    }

    /** Reads every client's section, in this order (so errors are listed in it); report files default under {@code dataDirectory}. */
    public static ClientsConfig from(Settings settings, Path dataDirectory)
    {
        return new ClientsConfig(
                DnsConfig.from(settings),
                ReachConfig.from(settings),
                ReportsConfig.from(settings, dataDirectory),
                GitConfig.from(settings),
                HttpClientConfig.from(settings),
                IpamConfig.from(settings),
                SplunkConfig.from(settings),
                CredentialsConfig.from(settings),
                SshConfig.from(settings));
    }
}
