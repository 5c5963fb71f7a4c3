package io.netcron.server.clients;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.netcron.http.SharedHttpClient;
import io.netcron.server.config.HttpClientConfig;

/**
 * The one pooled outbound HTTP client ({@link SharedHttpClient}) for jobs and the shared clients.
 * Not {@link io.netcron.server.http.HttpModule}, which serves the management port.
 */
public final class HttpClientModule
        extends AbstractModule
{
    @Provides
    @Singleton
    SharedHttpClient sharedHttpClient(HttpClientConfig config)
    {
        // no background threads but a daemon timer: nothing to stop at shutdown
        return new SharedHttpClient(config.clientSettings());
    }
}
