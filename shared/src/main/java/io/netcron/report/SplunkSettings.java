package io.netcron.report;

import io.netcron.http.TlsTrust;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where the HTTP Event Collector is ({@code https://splunk.example:8088}; the path
 * {@code /services/collector/event} is added), the credential holding its token, and the
 * index/source/sourcetype/host every event gets unless it says otherwise (empty: the token's
 * defaults). Events go in batches of at most {@code batchSize} events and {@code maxBatchBytes};
 * 429 and 5xx answers (503: HEC busy) are retried up to {@code maxAttempts} in all.
 */
public record SplunkSettings(Optional<URI> url, String credential, Optional<String> index, Optional<String> source, Optional<String> sourcetype,
        Optional<String> host, TlsTrust trust, Duration timeout, int batchSize, int maxBatchBytes, int maxAttempts, Duration retryDelay,
        Duration maxRetryDelay)
{
    public static final String DEFAULT_CREDENTIAL = "splunk";
    public static final String DEFAULT_SOURCE = "netcron";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_BATCH_SIZE = 100;
    public static final int DEFAULT_MAX_BATCH_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_ATTEMPTS = 4;
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_RETRY_DELAY = Duration.ofSeconds(30);

    public SplunkSettings
    {
        requireNonNull(url, "url is null");
        requireNonNull(credential, "credential is null");
        requireNonNull(index, "index is null");
        requireNonNull(source, "source is null");
        requireNonNull(sourcetype, "sourcetype is null");
        requireNonNull(host, "host is null");
        requireNonNull(trust, "trust is null");
        requireNonNull(timeout, "timeout is null");
        requireNonNull(retryDelay, "retryDelay is null");
        requireNonNull(maxRetryDelay, "maxRetryDelay is null");
        if (batchSize < 1 || maxBatchBytes < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("batch size, batch bytes and attempts must be positive");
        }
    }

    public static SplunkSettings of(URI url)
    {
        return new SplunkSettings(Optional.of(url), DEFAULT_CREDENTIAL, Optional.empty(), Optional.of(DEFAULT_SOURCE), Optional.empty(), Optional.empty(),
                TlsTrust.systemCas(), DEFAULT_TIMEOUT, DEFAULT_BATCH_SIZE, DEFAULT_MAX_BATCH_BYTES, DEFAULT_MAX_ATTEMPTS, DEFAULT_RETRY_DELAY, DEFAULT_MAX_RETRY_DELAY);
    }

    public SplunkSettings withIndex(String newIndex)
    {
        return new SplunkSettings(url, credential, Optional.of(newIndex), source, sourcetype, host, trust, timeout, batchSize, maxBatchBytes, maxAttempts, retryDelay, maxRetryDelay);
    }

    public SplunkSettings withSourcetype(String newSourcetype)
    {
        return new SplunkSettings(url, credential, index, source, Optional.of(newSourcetype), host, trust, timeout, batchSize, maxBatchBytes, maxAttempts, retryDelay, maxRetryDelay);
    }

    public SplunkSettings withHost(String newHost)
    {
        return new SplunkSettings(url, credential, index, source, sourcetype, Optional.of(newHost), trust, timeout, batchSize, maxBatchBytes, maxAttempts, retryDelay, maxRetryDelay);
    }

    public SplunkSettings withBatchSize(int newBatchSize)
    {
        return new SplunkSettings(url, credential, index, source, sourcetype, host, trust, timeout, newBatchSize, maxBatchBytes, maxAttempts, retryDelay, maxRetryDelay);
    }

    public SplunkSettings withTrust(TlsTrust newTrust)
    {
        return new SplunkSettings(url, credential, index, source, sourcetype, host, newTrust, timeout, batchSize, maxBatchBytes, maxAttempts, retryDelay, maxRetryDelay);
    }

    /** The collector's event endpoint. */
    public Optional<URI> eventEndpoint()
    {
        return url.map(base -> {
            String text = base.toString();
            while (text.endsWith("/")) {
                text = text.substring(0, text.length() - 1);
            }
            return URI.create(text.endsWith("/services/collector/event") ? text : text + "/services/collector/event");
        });
    }
}
