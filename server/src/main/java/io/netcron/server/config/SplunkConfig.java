package io.netcron.server.config;

import io.netcron.http.TlsTrust;
import io.netcron.report.SplunkSettings;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code splunk.*}: the HTTP Event Collector ({@code https://splunk.example:8088}; unset: sending
 * fails with a clear error), the credential whose {@code token} field is the HEC token, the
 * index/source/sourcetype/host events get (unset: the token's defaults), batching, retries and TLS trust.
 */
public record SplunkConfig(Optional<URI> url, String credential, Optional<String> index, String source, Optional<String> sourcetype,
        Optional<String> host, Duration timeout, int batchSize, int maxAttempts, TlsTrust trust)
{
    public static SplunkConfig from(Settings settings)
    {
        return new SplunkConfig(
                TlsTrustConfig.url(settings, "splunk.url"),
                settings.string("splunk.credential", SplunkSettings.DEFAULT_CREDENTIAL),
                settings.optional("splunk.index"),
                settings.string("splunk.source", SplunkSettings.DEFAULT_SOURCE),
                settings.optional("splunk.sourcetype"),
                settings.optional("splunk.host"),
                settings.duration("splunk.timeout", SplunkSettings.DEFAULT_TIMEOUT, Duration.ofMillis(100), Duration.ofHours(1)),
                settings.integer("splunk.batch-size", SplunkSettings.DEFAULT_BATCH_SIZE, 1, 10_000),
                settings.integer("splunk.max-attempts", SplunkSettings.DEFAULT_MAX_ATTEMPTS, 1, 20),
                TlsTrustConfig.read(settings, "splunk"));
    }

    public SplunkSettings splunkSettings()
    {
        return new SplunkSettings(url, credential, index, Optional.of(source), sourcetype, host, trust, timeout, batchSize,
                SplunkSettings.DEFAULT_MAX_BATCH_BYTES, maxAttempts, SplunkSettings.DEFAULT_RETRY_DELAY, SplunkSettings.DEFAULT_MAX_RETRY_DELAY);
    }
}
