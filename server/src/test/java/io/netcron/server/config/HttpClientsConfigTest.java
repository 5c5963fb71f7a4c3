package io.netcron.server.config;

import io.netcron.http.TlsTrust;
import io.netcron.ipam.TokenScheme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code http-client.*}, {@code ipam.*} and {@code splunk.*}: defaults and keys pinned. */
class HttpClientsConfigTest
{
    private static final String PIN = "sha256 Fingerprint=" + "AB:".repeat(31) + "AB";

    @TempDir
    Path directory;

    @Test
    void httpClientDefaults()
    {
        HttpClientConfig config = NetcronConfig.load(Optional.empty(), Map.of()).clients().httpClient();
        assertThat(config).isEqualTo(new HttpClientConfig(100, 10, Duration.ofSeconds(10), Duration.ofSeconds(30), 64));
    }

    @Test
    void httpClientByEnvironment()
    {
        HttpClientConfig config = NetcronConfig.load(Optional.empty(), Map.of(
                "NETCRON_HTTP_CLIENT_POOL_SIZE", "20",
                "NETCRON_HTTP_CLIENT_MAX_PER_TARGET", "4",
                "NETCRON_HTTP_CLIENT_CONNECT_TIMEOUT", "2s",
                "NETCRON_HTTP_CLIENT_TIMEOUT", "1m",
                "NETCRON_HTTP_CLIENT_MAX_BODY_MB", "8")).clients().httpClient();
        assertThat(config).isEqualTo(new HttpClientConfig(20, 4, Duration.ofSeconds(2), Duration.ofMinutes(1), 8));
    }

    @Test
    void ipamDefaultsLeaveItUnconfigured()
    {
        IpamConfig config = NetcronConfig.load(Optional.empty(), Map.of()).clients().ipam();
        assertThat(config).isEqualTo(new IpamConfig(Optional.empty(), "ipam", TokenScheme.AUTO, Duration.ofSeconds(30), 250, 4, TlsTrust.systemCas()));
        assertThat(config.netBoxSettings()).isEmpty();
    }

    @Test
    void ipamFromFileAndEnvironment()
            throws Exception
    {
        Path file = directory.resolve("netcron.yaml");
        Files.writeString(file, """
                ipam:
                  url: https://netbox.example.net/
                  credential: netbox-ro
                  token-scheme: bearer
                  page-size: 1000
                  tls-pin: "%s"
                """.formatted(PIN));
        IpamConfig config = NetcronConfig.load(Optional.of(file), Map.of("NETCRON_IPAM_TIMEOUT", "5s", "NETCRON_IPAM_MAX_ATTEMPTS", "2")).clients().ipam();
        assertThat(config).isEqualTo(new IpamConfig(Optional.of(URI.create("https://netbox.example.net/")), "netbox-ro", TokenScheme.BEARER,
                Duration.ofSeconds(5), 1000, 2, TlsTrust.pinned(PIN)));
        assertThat(config.netBoxSettings().orElseThrow().apiRoot()).isEqualTo(URI.create("https://netbox.example.net/api/"));
    }

    @Test
    void ipamTlsChoicesAreExclusive()
    {
        assertThatThrownBy(() -> NetcronConfig.load(Optional.empty(), Map.of("NETCRON_IPAM_TLS_PIN", PIN, "NETCRON_IPAM_TLS_INSECURE", "true")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ipam.tls-pin (NETCRON_IPAM_TLS_PIN): choose one TLS trust, not ipam.tls-pin and ipam.tls-insecure");
    }

    @Test
    void ipamRejectsBadValues()
    {
        assertThatThrownBy(() -> NetcronConfig.load(Optional.empty(), Map.of(
                "NETCRON_IPAM_URL", "netbox.example.net",
                "NETCRON_IPAM_TOKEN_SCHEME", "basic",
                "NETCRON_IPAM_TLS_PIN", "abc")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ipam.url (NETCRON_IPAM_URL): must be an http:// or https:// URL")
                .hasMessageContaining("ipam.token-scheme (NETCRON_IPAM_TOKEN_SCHEME): token scheme must be auto, token or bearer")
                .hasMessageContaining("ipam.tls-pin (NETCRON_IPAM_TLS_PIN): a TLS pin must be the SHA-256 fingerprint");
    }

    @Test
    void ipamCaFileMustBeReadable()
    {
        assertThatThrownBy(() -> NetcronConfig.load(Optional.empty(), Map.of("NETCRON_IPAM_TLS_CA_FILE", directory.resolve("missing.pem").toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ipam.tls-ca-file (NETCRON_IPAM_TLS_CA_FILE): the CA file");
    }

    @Test
    void splunkDefaults()
    {
        SplunkConfig config = NetcronConfig.load(Optional.empty(), Map.of()).clients().splunk();
        assertThat(config).isEqualTo(new SplunkConfig(Optional.empty(), "splunk", Optional.empty(), "netcron", Optional.empty(), Optional.empty(),
                Duration.ofSeconds(30), 100, 4, TlsTrust.systemCas()));
        assertThat(config.splunkSettings().eventEndpoint()).isEmpty();
    }

    @Test
    void splunkByEnvironment()
    {
        SplunkConfig config = NetcronConfig.load(Optional.empty(), Map.of(
                "NETCRON_SPLUNK_URL", "https://splunk.example.net:8088",
                "NETCRON_SPLUNK_CREDENTIAL", "hec",
                "NETCRON_SPLUNK_INDEX", "network",
                "NETCRON_SPLUNK_SOURCE", "netcron-prod",
                "NETCRON_SPLUNK_SOURCETYPE", "netcron:json",
                "NETCRON_SPLUNK_HOST", "node-1",
                "NETCRON_SPLUNK_TIMEOUT", "10s",
                "NETCRON_SPLUNK_BATCH_SIZE", "50",
                "NETCRON_SPLUNK_MAX_ATTEMPTS", "3",
                "NETCRON_SPLUNK_TLS_INSECURE", "true")).clients().splunk();
        assertThat(config).isEqualTo(new SplunkConfig(Optional.of(URI.create("https://splunk.example.net:8088")), "hec", Optional.of("network"), "netcron-prod",
                Optional.of("netcron:json"), Optional.of("node-1"), Duration.ofSeconds(10), 50, 3, TlsTrust.insecure()));
        assertThat(config.splunkSettings().eventEndpoint()).contains(URI.create("https://splunk.example.net:8088/services/collector/event"));
    }
}
