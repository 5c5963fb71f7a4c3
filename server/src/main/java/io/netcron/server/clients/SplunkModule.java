package io.netcron.server.clients;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.netcron.credentials.Credentials;
import io.netcron.http.SharedHttpClient;
import io.netcron.report.SplunkHec;
import io.netcron.server.config.SplunkConfig;


/** {@link SplunkHec} for jobs; without {@code splunk.url} it is still injectable and sending fails with a clear error. */
public final class SplunkModule
        extends AbstractModule
{
    @Provides
    @Singleton
    SplunkHec splunkHec(SplunkConfig config, SharedHttpClient http, Credentials credentials)
    {
        return new SplunkHec(http, credentials, config.splunkSettings());
    }
}
