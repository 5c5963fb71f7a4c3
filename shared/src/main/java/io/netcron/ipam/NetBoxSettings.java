package io.netcron.ipam;

import io.netcron.http.TlsTrust;

import java.net.URI;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Where NetBox is and how to talk to it. {@code url} is NetBox's base URL (with or without
 * {@code /api}); the token is the {@code token} field of the credential {@code credential}.
 * Retries: 429 and 5xx answers are retried up to {@code maxAttempts} in all, waiting
 * {@code retryDelay} doubling per attempt (or the server's Retry-After) but never more than
 * {@code maxRetryDelay} at a time and never past the call's deadline.
 */
public record NetBoxSettings(URI url, String credential, TokenScheme tokenScheme, TlsTrust trust, Duration timeout, int pageSize,
        int maxAttempts, Duration retryDelay, Duration maxRetryDelay)
{
    public static final String DEFAULT_CREDENTIAL = "ipam";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_PAGE_SIZE = 250;
    public static final int DEFAULT_MAX_ATTEMPTS = 4;
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_RETRY_DELAY = Duration.ofSeconds(30);

    public NetBoxSettings
    {
        requireNonNull(url, "url is null");
        requireNonNull(credential, "credential is null");
        requireNonNull(tokenScheme, "tokenScheme is null");
        requireNonNull(trust, "trust is null");
        requireNonNull(timeout, "timeout is null");
        requireNonNull(retryDelay, "retryDelay is null");
        requireNonNull(maxRetryDelay, "maxRetryDelay is null");
        if (pageSize < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("pageSize and maxAttempts must be positive");
        }
    }

    public static NetBoxSettings of(URI url)
    {
        return new NetBoxSettings(url, DEFAULT_CREDENTIAL, TokenScheme.AUTO, TlsTrust.systemCas(), DEFAULT_TIMEOUT, DEFAULT_PAGE_SIZE,
                DEFAULT_MAX_ATTEMPTS, DEFAULT_RETRY_DELAY, DEFAULT_MAX_RETRY_DELAY);
    }

    public NetBoxSettings withTrust(TlsTrust newTrust)
    {
        return new NetBoxSettings(url, credential, tokenScheme, newTrust, timeout, pageSize, maxAttempts, retryDelay, maxRetryDelay);
    }

    public NetBoxSettings withPageSize(int newPageSize)
    {
        return new NetBoxSettings(url, credential, tokenScheme, trust, timeout, newPageSize, maxAttempts, retryDelay, maxRetryDelay);
    }

    public NetBoxSettings withTimeout(Duration newTimeout)
    {
        return new NetBoxSettings(url, credential, tokenScheme, trust, newTimeout, pageSize, maxAttempts, retryDelay, maxRetryDelay);
    }

    public NetBoxSettings withTokenScheme(TokenScheme newScheme)
    {
        return new NetBoxSettings(url, credential, newScheme, trust, timeout, pageSize, maxAttempts, retryDelay, maxRetryDelay);
    }

    /** {@code https://netbox.example/api/}: the base URL with {@code /api/} once. */
    public URI apiRoot()
    {
        String text = url.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        if (!text.endsWith("/api")) {
            text = text + "/api";
        }
        return URI.create(text + "/");
    }
}
