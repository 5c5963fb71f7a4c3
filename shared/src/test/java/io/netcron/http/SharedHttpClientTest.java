package io.netcron.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.netcron.job.Deadline;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;
import io.netcron.testing.FakeHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static io.netcron.testing.FakeHttpServer.json;
import static io.netcron.testing.FakeHttpServer.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SharedHttpClientTest
{
    private static final String TOKEN = "0123456789abcdef0123456789abcdef01234567";

    private final SharedHttpClient client = new SharedHttpClient(HttpClientSettings.defaults());
    private FakeHttpServer server;

    @BeforeEach
    void startServer()
            throws IOException
    {
        server = FakeHttpServer.http()
                .on("/ok", (exchange, request) -> json(exchange, 200, "{\"status\":\"ok\",\"count\":3}"))
                .on("/unauthorized", (exchange, request) -> json(exchange, 401, "{\"detail\":\"Invalid token\"}"))
                .on("/forbidden", (exchange, request) -> json(exchange, 403, "{\"detail\":\"You do not have permission to perform this action.\"}"))
                .on("/broken", (exchange, request) -> respond(exchange, 500, Map.of(), "<html>Server Error: header was " + request.header("Authorization") + "</html>"))
                .on("/malformed", (exchange, request) -> json(exchange, 200, "{\"results\": [ {\"id\": 1,"))
                .on("/slow", (exchange, request) -> server.hang())
                .start();
    }

    @AfterEach
    void stop()
            throws IOException
    {
        server.close();
        client.close();
    }

    private HttpCall call(String path)
    {
        return HttpCall.get(server.uri(path)).withTarget("netbox").withHeader("Authorization", "Token " + TOKEN);
    }

    @Test
    void readsAJsonAnswer()
            throws Exception
    {
        JsonNode answer = client.json(call("/ok"), Deadline.none());
        assertThat(answer.path("count").asInt()).isEqualTo(3);
        assertThat(server.requests().getFirst().header("Authorization")).isEqualTo("Token " + TOKEN);
    }

    @Test
    void unauthorizedIsAuthFailed()
    {
        assertThatThrownBy(() -> client.json(call("/unauthorized"), Deadline.none()))
                .isInstanceOfSatisfying(TargetException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.AUTH_FAILED))
                .hasMessageContaining("HTTP 401").hasMessageContaining("Invalid token");
    }

    @Test
    void forbiddenIsAuthFailed()
    {
        assertThatThrownBy(() -> client.json(call("/forbidden"), Deadline.none()))
                .isInstanceOfSatisfying(TargetException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.AUTH_FAILED));
    }

    @Test
    void serverErrorIsFailedWithStatusAndExcerptButNoToken()
    {
        assertThatThrownBy(() -> client.send(call("/broken"), Deadline.none()))
                .isInstanceOfSatisfying(TargetException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.FAILED))
                .hasMessageContaining("netbox: HTTP 500 on GET http://127.0.0.1:")
                .hasMessageContaining("Server Error")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
    }

    @Test
    void malformedJsonIsParseError()
    {
        assertThatThrownBy(() -> client.json(call("/malformed"), Deadline.none()))
                .isInstanceOfSatisfying(TargetException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.PARSE_ERROR))
                .hasMessageContaining("malformed JSON");
    }

    @Test
    void slowAnswerTimesOutWithinTheCallTimeout()
    {
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.send(call("/slow").withTimeout(Duration.ofMillis(300)), Deadline.none()))
                .isInstanceOfSatisfying(TargetException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void deadlineCapsTheCallTimeout()
    {
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.send(call("/slow").withTimeout(Duration.ofMinutes(5)), Deadline.after(Duration.ofMillis(300))))
                .isInstanceOfSatisfying(TargetException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void refusedConnectionIsUnreachable()
            throws IOException
    {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        HttpCall call = HttpCall.get(URI.create("http://127.0.0.1:" + closedPort + "/api/")).withHeader("Authorization", "Token " + TOKEN);
        assertThatThrownBy(() -> client.send(call, Deadline.none()))
                .isInstanceOfSatisfying(TargetException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.UNREACHABLE))
                .hasMessageContaining("connection refused")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
    }

    @Test
    void peerThatNeverAnswersTheTlsHandshakeIsCutOffByTheDeadline()
            throws Exception
    {
        try (ServerSocket silent = new ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (java.net.Socket accepted = silent.accept()) {
                    accepted.getInputStream().readAllBytes();
                }
                catch (IOException ignored) {
                    // closed by the test
                }
            });
            HttpCall call = HttpCall.get(URI.create("https://127.0.0.1:" + silent.getLocalPort() + "/redfish/v1/")).withTarget("ilo-1").withTrust(TlsTrust.insecure());
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.send(call, Deadline.after(Duration.ofMillis(500))))
                    .isInstanceOfSatisfying(TargetException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.TIMEOUT))
                    .hasMessageStartingWith("ilo-1: ");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
        }
    }

    @Test
    void callDescriptionHidesHeaderValues()
    {
        assertThat(call("/ok").toString()).contains("Authorization").doesNotContain(TOKEN);
    }
}
