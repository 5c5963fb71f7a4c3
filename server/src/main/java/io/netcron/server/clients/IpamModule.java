package io.netcron.server.clients;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.netcron.credentials.Credentials;
import io.netcron.http.SharedHttpClient;
import io.netcron.ipam.Ipam;
import io.netcron.ipam.NetBoxClient;
import io.netcron.server.config.IpamConfig;


/**
 * {@link Ipam} for jobs: NetBox at {@code ipam.url}. Without a URL the node still starts and
 * injection works; each IPAM call then fails with "ipam.url is not set (NETCRON_IPAM_URL)".
 */
public final class IpamModule
        extends AbstractModule
{
    @Provides
    @Singleton
    Ipam ipam(IpamConfig config, SharedHttpClient http, Credentials credentials)
    {
        return config.netBoxSettings()
                .<Ipam>map(settings -> new NetBoxClient(http, credentials, settings))
                .orElseGet(() -> Ipam.unconfigured(IpamConfig.NOT_SET));
    }
}
