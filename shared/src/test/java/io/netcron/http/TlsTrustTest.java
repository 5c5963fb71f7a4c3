package io.netcron.http;

import io.netcron.job.Deadline;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;
import io.netcron.testing.CapturedLog;
import io.netcron.testing.FakeHttpServer;
import io.netcron.testing.SelfSignedCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.netcron.testing.FakeHttpServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TlsTrustTest
{
    private static final String OTHER_PIN = "AA:".repeat(31) + "AA";

    @TempDir
    static Path directory;
    private static SelfSignedCertificate certificate;
    private static FakeHttpServer server;
    private static SharedHttpClient client;

    @BeforeAll
    static void start()
            throws Exception
    {
        certificate = SelfSignedCertificate.create(directory);
        server = FakeHttpServer.https(certificate.serverContext())
                .on("/api/status/", (exchange, request) -> json(exchange, 200, "{\"netbox-version\":\"4.4.1\"}"))
                .start();
        client = new SharedHttpClient(HttpClientSettings.defaults());
    }

    @AfterAll
    static void stop()
            throws Exception
    {
        server.close();
        client.close();
    }

    private static HttpCall call(String target, TlsTrust trust)
    {
        return HttpCall.get(server.uri("/api/status/")).withTarget(target).withTrust(trust);
    }

    @Test
    void pinnedCertificateAsOpensslPrintsItIsTrusted()
            throws Exception
    {
        assertThat(client.json(call("pin-hex", TlsTrust.pinned(certificate.opensslFingerprint())), Deadline.none()).path("netbox-version").asText())
                .isEqualTo("4.4.1");
    }

    @Test
    void pinnedCertificateInBase64IsTrusted()
            throws Exception
    {
        assertThat(client.send(call("pin-base64", TlsTrust.pinned(certificate.base64Fingerprint())), Deadline.none()).status()).isEqualTo(200);
    }

    @Test
    void certificateThatDoesNotMatchThePinIsUnreachable()
    {
        assertThatThrownBy(() -> client.send(call("switch-1", TlsTrust.pinned(OTHER_PIN)), Deadline.none()))
                .isInstanceOfSatisfying(TargetException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.UNREACHABLE))
                .hasMessageStartingWith("switch-1: ")
                .hasMessageContaining("certificate does not match the pin");
    }

    @Test
    void insecureModeAcceptsAnyCertificateAndWarnsOncePerTarget()
            throws Exception
    {
        try (CapturedLog log = CapturedLog.of(SharedHttpClient.class)) {
            client.send(call("lab-switch", TlsTrust.insecure()), Deadline.none());
            client.send(call("lab-switch", TlsTrust.insecure()), Deadline.none());
            assertThat(log.messages()).filteredOn(line -> line.contains("lab-switch")).singleElement().asString().contains("insecure");
        }
    }

    @Test
    void systemCasRejectASelfSignedCertificate()
    {
        assertThatThrownBy(() -> client.send(call("system-cas", TlsTrust.systemCas()), Deadline.none()))
                .isInstanceOfSatisfying(TargetException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.UNREACHABLE))
                .hasMessageContaining("TLS handshake failed");
    }

    @Test
    void caFileTrustsTheCertificateItHolds()
            throws Exception
    {
        assertThat(client.send(call("ca-file", TlsTrust.caFile(certificate.pemFile())), Deadline.none()).status()).isEqualTo(200);
    }

    @Test
    void connectionsAreNotReusedAcrossTrusts()
            throws Exception
    {
        client.send(call("reuse", TlsTrust.insecure()), Deadline.none());
        assertThatThrownBy(() -> client.send(call("reuse", TlsTrust.pinned(OTHER_PIN)), Deadline.none()))
                .isInstanceOfSatisfying(TargetException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.UNREACHABLE));
    }

    @Test
    void pinFormsAreNormalised()
    {
        String hex = "ab".repeat(32);
        assertThat(TlsTrust.pinned("AB:".repeat(31) + "AB")).isEqualTo(new TlsTrust.Pinned(hex));
        assertThat(TlsTrust.pinned("sha256 Fingerprint=" + "AB:".repeat(31) + "AB")).isEqualTo(new TlsTrust.Pinned(hex));
        assertThat(TlsTrust.pinned(hex.toUpperCase())).isEqualTo(new TlsTrust.Pinned(hex));
        assertThat(TlsTrust.pinned(java.util.Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(hex)))).isEqualTo(new TlsTrust.Pinned(hex));
        assertThatThrownBy(() -> TlsTrust.pinned("abc")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SHA-256");
    }
}
