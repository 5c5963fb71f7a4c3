package io.netcron.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import io.netcron.credentials.Credential;
import io.netcron.credentials.Credentials;
import io.netcron.http.HttpClientSettings;
import io.netcron.http.Json;
import io.netcron.http.SharedHttpClient;
import io.netcron.job.Deadline;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;
import io.netcron.testing.FakeHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static io.netcron.testing.FakeHttpServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SplunkHecTest
{
    private static final String TOKEN = "B5A79AAD-D822-46CC-80D1-819F80D7BFB0";

    private final SharedHttpClient http = new SharedHttpClient(HttpClientSettings.defaults());
    private final List<Duration> sleeps = new ArrayList<>();
    private final AtomicInteger busy = new AtomicInteger();
    private FakeHttpServer splunk;

    @BeforeEach
    void start()
            throws IOException
    {
        // answers as Splunk's HEC documentation shows them
        splunk = FakeHttpServer.http()
                .on("/services/collector/event", (exchange, request) -> {
                    if (!("Splunk " + TOKEN).equals(request.header("Authorization"))) {
                        json(exchange, 403, "{\"text\":\"Invalid token\",\"code\":4}");
                    }
                    else if (request.body().contains("\"busy\"") && busy.incrementAndGet() == 1) {
                        json(exchange, 503, "{\"text\":\"Server is busy\",\"code\":9}");
                    }
                    else if (request.body().contains("\"broken\"")) {
                        json(exchange, 400, "{\"text\":\"Invalid data format\",\"code\":6,\"invalid-event-number\":0}");
                    }
                    else {
                        json(exchange, 200, "{\"text\":\"Success\",\"code\":0}");
                    }
                })
                .start();
    }

    @AfterEach
    void stop()
            throws IOException
    {
        splunk.close();
        http.close();
    }

    private SplunkHec hec(String token, SplunkSettings settings)
    {
        return new SplunkHec(http, Credentials.of(Map.of("splunk", Credential.token("splunk", token))), settings, sleeps::add);
    }

    private SplunkSettings settings()
    {
        return SplunkSettings.of(splunk.uri("/")).withIndex("network").withSourcetype("netcron:dns").withHost("node-1");
    }

    private static List<JsonNode> events(String body)
            throws IOException
    {
        try (MappingIterator<JsonNode> iterator = Json.MAPPER.readerFor(JsonNode.class).readValues(body)) {
            return iterator.readAll();
        }
    }

    @Test
    void sendsSeveralEventsInOneBodyWithTheirMetadata()
            throws Exception
    {
        Instant at = Instant.parse("2026-11-30T12:00:00.250Z");
        int sent = hec(TOKEN, settings()).send(List.of(
                SplunkEvent.at(at, Map.of("server", "192.0.2.53", "latency_ms", 12)),
                SplunkEvent.at(at, Map.of("server", "192.0.2.54", "latency_ms", 30)).withFields(Map.of("site", "fra1"))), Deadline.none());

        assertThat(sent).isEqualTo(2);
        assertThat(splunk.requests()).hasSize(1);
        FakeHttpServer.Request request = splunk.requests().getFirst();
        assertThat(request.pathAndQuery()).isEqualTo("/services/collector/event");
        assertThat(request.header("Authorization")).isEqualTo("Splunk " + TOKEN);
        List<JsonNode> events = events(request.body());
        assertThat(events).hasSize(2);
        assertThat(events.getFirst().path("time").decimalValue()).isEqualByComparingTo("1796040000.250");
        assertThat(events.getFirst().path("index").asText()).isEqualTo("network");
        assertThat(events.getFirst().path("sourcetype").asText()).isEqualTo("netcron:dns");
        assertThat(events.getFirst().path("source").asText()).isEqualTo("netcron");
        assertThat(events.getFirst().path("host").asText()).isEqualTo("node-1");
        assertThat(events.getFirst().path("event").path("server").asText()).isEqualTo("192.0.2.53");
        assertThat(events.get(1).path("fields").path("site").asText()).isEqualTo("fra1");
    }

    @Test
    void splitsIntoBatches()
            throws Exception
    {
        List<SplunkEvent> events = IntStream.range(0, 5).mapToObj(i -> SplunkEvent.of(Map.of("n", i))).toList();
        assertThat(hec(TOKEN, settings().withBatchSize(2)).send(events, Deadline.none())).isEqualTo(5);
        assertThat(splunk.requests()).extracting(request -> events(request.body()).size()).containsExactly(2, 2, 1);
    }

    @Test
    void busyCollectorIsRetried()
            throws Exception
    {
        assertThat(hec(TOKEN, settings()).send(SplunkEvent.of("busy"), Deadline.none())).isEqualTo(1);
        assertThat(splunk.requests()).hasSize(2);
        assertThat(sleeps).containsExactly(SplunkSettings.DEFAULT_RETRY_DELAY);
    }

    @Test
    void invalidTokenIsAuthFailedWithHecsTextAndWithoutTheToken()
    {
        String wrong = "11111111-2222-3333-4444-555555555555";
        assertThatThrownBy(() -> hec(wrong, settings()).send(SplunkEvent.of("x"), Deadline.none()))
                .isInstanceOfSatisfying(TargetException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.AUTH_FAILED))
                .hasMessageContaining("refused the token of credential 'splunk' (403 Invalid token, code 4)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void badRequestQuotesHec()
    {
        assertThatThrownBy(() -> hec(TOKEN, settings()).send(SplunkEvent.of("broken"), Deadline.none()))
                .isInstanceOfSatisfying(TargetException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.FAILED))
                .hasMessageContaining("rejected the events (400 Invalid data format, code 6, event 0 of the batch)");
    }

    @Test
    void unconfiguredUrlFailsClearly()
    {
        SplunkSettings none = new SplunkSettings(Optional.empty(), "splunk", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                io.netcron.http.TlsTrust.systemCas(), Duration.ofSeconds(1), 1, 1, 1, Duration.ofMillis(1), Duration.ofMillis(1));
        assertThatThrownBy(() -> hec(TOKEN, none).send(SplunkEvent.of("x"), Deadline.none()))
                .isInstanceOf(TargetException.class)
                .hasMessage("splunk.url is not set (NETCRON_SPLUNK_URL)");
    }
}
