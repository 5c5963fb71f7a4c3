package io.netcron.server.config;

import io.netcron.http.TlsTrust;
import io.netcron.ipam.NetBoxSettings;
import io.netcron.ipam.TokenScheme;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code ipam.*}: NetBox's base URL ({@code NETCRON_IPAM_URL}; unset: jobs that use the IPAM fail
 * with a clear error, all others run), the credential whose {@code token} field is the API token,
 * how the token is sent, timeouts, page size, retries and TLS trust.
 */
public record IpamConfig(Optional<URI> url, String credential, TokenScheme tokenScheme, Duration timeout, int pageSize, int maxAttempts, TlsTrust trust)
{
    public static final String NOT_SET = "ipam.url is not set (NETCRON_IPAM_URL)";

    public static IpamConfig from(Settings settings)
    {
        Optional<URI> url = TlsTrustConfig.url(settings, "ipam.url");
        String scheme = settings.string("ipam.token-scheme", "auto");
        TokenScheme tokenScheme = TokenScheme.AUTO;
        try {
            tokenScheme = TokenScheme.parse(scheme);
        }
        catch (IllegalArgumentException e) {
            settings.error("ipam.token-scheme", e.getMessage());
        }
        return new IpamConfig(
                url,
                settings.string("ipam.credential", NetBoxSettings.DEFAULT_CREDENTIAL),
                tokenScheme,
                settings.duration("ipam.timeout", NetBoxSettings.DEFAULT_TIMEOUT, Duration.ofMillis(100), Duration.ofHours(1)),
                settings.integer("ipam.page-size", NetBoxSettings.DEFAULT_PAGE_SIZE, 1, 1_000),
                settings.integer("ipam.max-attempts", NetBoxSettings.DEFAULT_MAX_ATTEMPTS, 1, 20),
                TlsTrustConfig.read(settings, "ipam"));
    }

    /** The client's settings, when a URL is configured. */
    public Optional<NetBoxSettings> netBoxSettings()
    {
        return url.map(base -> new NetBoxSettings(base, credential, tokenScheme, trust, timeout, pageSize, maxAttempts,
                NetBoxSettings.DEFAULT_RETRY_DELAY, NetBoxSettings.DEFAULT_MAX_RETRY_DELAY));
    }
}
