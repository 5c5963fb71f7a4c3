package io.netcron.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netcron.credentials.CredentialException;
import io.netcron.credentials.Credentials;
import io.netcron.http.HttpAnswer;
import io.netcron.http.HttpCall;
import io.netcron.http.HttpFailures;
import io.netcron.http.Json;
import io.netcron.http.SharedHttpClient;
import io.netcron.http.Sleeper;
import io.netcron.job.Deadline;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Sends events to Splunk's HTTP Event Collector ({@code POST /services/collector/event},
 * {@code Authorization: Splunk <token>}). Several events go in one body as concatenated JSON
 * objects, as HEC accepts them; a busy (503) or failing (5xx, 429) collector is retried with
 * backoff. HEC answers {@code {"text": ..., "code": ...}}, which errors quote.
 */
public final class SplunkHec
{
    private static final Logger log = LoggerFactory.getLogger(SplunkHec.class);

    private final SharedHttpClient http;
    private final Credentials credentials;
    private final SplunkSettings settings;
    private final Sleeper sleeper;

    public SplunkHec(SharedHttpClient http, Credentials credentials, SplunkSettings settings)
    {
        this(http, credentials, settings, Sleeper.REAL);
    }

    SplunkHec(SharedHttpClient http, Credentials credentials, SplunkSettings settings, Sleeper sleeper)
    {
        this.http = requireNonNull(http, "http is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
    }

    public SplunkSettings settings()
    {
        return settings;
    }

    /** Sends the events in batches; returns how many were accepted. A failure says how many went before it. */
    public int send(List<SplunkEvent> events, Deadline deadline)
            throws TargetException
    {
        URI endpoint = settings.eventEndpoint().orElseThrow(() -> new TargetException(Outcome.FAILED, "splunk.url is not set (NETCRON_SPLUNK_URL)"));
        String target = HttpCall.defaultTarget(endpoint);
        int sent = 0;
        for (List<byte[]> batch : batches(events)) {
            try {
                post(endpoint, target, batch, deadline);
            }
            catch (TargetException e) {
                throw sent == 0 ? e : new TargetException(e.outcome(), e.getMessage() + " (" + sent + " of " + events.size() + " events were sent before)");
            }
            sent += batch.size();
        }
        return sent;
    }

    public int send(SplunkEvent event, Deadline deadline)
            throws TargetException
    {
        return send(List.of(event), deadline);
    }

    private List<List<byte[]>> batches(List<SplunkEvent> events)
    {
        List<List<byte[]>> batches = new ArrayList<>();
        List<byte[]> current = new ArrayList<>();
        int bytes = 0;
        for (SplunkEvent event : events) {
            byte[] json = Json.write(envelope(event));
            if (!current.isEmpty() && (current.size() >= settings.batchSize() || bytes + json.length > settings.maxBatchBytes())) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(json);
            bytes += json.length + 1;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    /** HEC's event envelope: time in epoch seconds (milliseconds as decimals), metadata, the event, indexed fields. */
    private ObjectNode envelope(SplunkEvent event)
    {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("time", BigDecimal.valueOf(event.time().toEpochMilli()).movePointLeft(3));
        settings.host().ifPresent(host -> node.put("host", host));
        settings.source().ifPresent(source -> node.put("source", source));
        event.sourcetype().or(settings::sourcetype).ifPresent(sourcetype -> node.put("sourcetype", sourcetype));
        settings.index().ifPresent(index -> node.put("index", index));
        node.set("event", Json.MAPPER.valueToTree(event.event()));
        if (!event.fields().isEmpty()) {
            node.set("fields", Json.MAPPER.valueToTree(event.fields()));
        }
        return node;
    }

    private void post(URI endpoint, String target, List<byte[]> batch, Deadline deadline)
            throws TargetException
    {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] event : batch) {
            body.writeBytes(event);
            body.write('\n');
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Splunk " + token(target));
        headers.put("Content-Type", "application/json");
        HttpCall call = new HttpCall(target, "POST", endpoint, headers, Optional.of(body.toByteArray()), settings.trust(), Optional.of(settings.timeout()));
        for (int attempt = 1; ; attempt++) {
            HttpAnswer answer = http.exchange(call, deadline);
            if (answer.ok()) {
                return;
            }
            int status = answer.status();
            boolean retryable = status == 429 || status >= 500;
            Duration wait = answer.retryAfter().orElse(settings.retryDelay().multipliedBy(1L << Math.min(attempt - 1, 16)));
            wait = wait.compareTo(settings.maxRetryDelay()) > 0 ? settings.maxRetryDelay() : wait;
            if (!retryable || attempt >= settings.maxAttempts() || wait.compareTo(deadline.remaining()) >= 0) {
                throw error(call, answer, attempt);
            }
            log.info("Splunk HEC {} answered {} ({}); attempt {} of {} in {} ms", target, status, hecText(answer), attempt + 1, settings.maxAttempts(), wait.toMillis());
            try {
                sleeper.sleep(wait);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TargetException(Outcome.FAILED, target + ": interrupted while waiting to retry sending events to Splunk HEC");
            }
        }
    }

    private TargetException error(HttpCall call, HttpAnswer answer, int attempts)
    {
        String target = call.target();
        int status = answer.status();
        String text = HttpFailures.redact(call, hecText(answer));
        String after = attempts > 1 ? " (after " + attempts + " attempts)" : "";
        return switch (status) {
            case 401, 403 -> new TargetException(Outcome.AUTH_FAILED, target + ": Splunk HEC refused the token of credential '" + settings.credential() + "' (" + status + " " + text + ")");
            case 400 -> new TargetException(Outcome.FAILED, target + ": Splunk HEC rejected the events (400 " + text + ")");
            case 404 -> new TargetException(Outcome.FAILED, target + ": no HTTP Event Collector at " + settings.eventEndpoint().map(URI::getRawPath).orElse("") + " (404): check splunk.url");
            default -> new TargetException(Outcome.FAILED, target + ": Splunk HEC answered " + status + " (" + text + ")" + after);
        };
    }

    /** {@code {"text": "Invalid token", "code": 4}} → "Invalid token, code 4" (with the invalid event's number for code 6). */
    private static String hecText(HttpAnswer answer)
    {
        try {
            JsonNode node = Json.MAPPER.readTree(answer.body());
            if (node != null && node.has("text")) {
                return node.path("text").asText() + (node.has("code") ? ", code " + node.path("code").asInt() : "")
                        + (node.has("invalid-event-number") ? ", event " + node.path("invalid-event-number").asInt() + " of the batch" : "");
            }
        }
        catch (java.io.IOException e) {
            // not HEC's JSON (a proxy page): the excerpt below
        }
        return answer.excerpt();
    }

    private String token(String target)
            throws TargetException
    {
        try {
            return credentials.get(settings.credential()).token().reveal();
        }
        catch (CredentialException e) {
            throw new TargetException(Outcome.AUTH_FAILED, target + ": " + e.getMessage());
        }
    }

    @Override
    public String toString()
    {
        return "SplunkHec[" + settings.eventEndpoint().map(URI::toString).orElse("unconfigured") + " credential=" + settings.credential() + "]";
    }
}
