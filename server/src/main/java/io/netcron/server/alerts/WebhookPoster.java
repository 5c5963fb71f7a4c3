package io.netcron.server.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.netcron.credentials.Credential;
import io.netcron.credentials.CredentialException;
import io.netcron.credentials.Credentials;
import io.netcron.credentials.Secret;
import io.netcron.http.HttpAnswer;
import io.netcron.http.HttpCall;
import io.netcron.http.Json;
import io.netcron.http.SharedHttpClient;
import io.netcron.job.Deadline;
import io.netcron.target.TargetException;
import jakarta.inject.Inject;

import java.net.URI;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * POSTs JSON to a route's webhook URL with the shared HTTP client. The URL is the route's target,
 * or the {@code url} field of its credential (webhook URLs often carry their token in the path); a
 * credential's {@code token} field becomes a bearer token. Errors name the host, never the path.
 */
public final class WebhookPoster
{
    public static final String URL_FIELD = "url";

    private final SharedHttpClient http;
    private final Credentials credentials;

    @Inject
    public WebhookPoster(SharedHttpClient http, Credentials credentials)
    {
        this.http = requireNonNull(http, "http is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
    }

    public void post(AlertRoute route, JsonNode payload, Deadline deadline)
            throws AlertDeliveryException
    {
        String channel = route.channel().sqlName();
        Optional<Credential> credential;
        try {
            credential = route.credential().map(credentials::get);
        }
        catch (CredentialException e) {
            throw new AlertDeliveryException(channel + " route " + route.id() + ": " + e.getMessage());
        }
        Optional<Secret> secretUrl = credential.flatMap(value -> value.field(URL_FIELD));
        String url = secretUrl.map(Secret::reveal).or(route::target)
                .orElseThrow(() -> new AlertDeliveryException(channel + " route " + route.id() + ": no URL (set target, or a credential with a 'url' field)"));
        URI uri;
        try {
            uri = URI.create(url.strip());
        }
        catch (IllegalArgumentException e) {
            throw new AlertDeliveryException(channel + " route " + route.id() + ": the webhook URL is not a valid URL");
        }
        if (uri.getHost() == null || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new AlertDeliveryException(channel + " route " + route.id() + ": the webhook URL must be http(s)://host/...");
        }
        String host = HttpCall.defaultTarget(uri);
        String label = (route.channel() == AlertRoute.Channel.WEBHOOK ? "webhook" : channel + " webhook") + " at " + host;
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(payload);
        }
        catch (JsonProcessingException e) {
            throw new AlertDeliveryException(channel + " route " + route.id() + ": cannot write the payload: " + e.getOriginalMessage());
        }
        HttpCall call = HttpCall.of("POST", uri, body)
                .withTarget(label)
                .withHeader("Content-Type", "application/json");
        Optional<Secret> token = credential.flatMap(value -> value.field(Credential.TOKEN));
        if (token.isPresent()) {
            call = call.withHeader("Authorization", "Bearer " + token.get().reveal());
        }
        HttpAnswer answer;
        try {
            answer = http.exchange(call, deadline);
        }
        catch (TargetException e) {
            // the client's message names the request line; the path may hold a token
            String message = String.valueOf(e.getMessage());
            if (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
                message = message.replace(uri.getRawPath(), "/...");
            }
            throw new AlertDeliveryException(message);
        }
        if (!answer.ok()) {
            throw new AlertDeliveryException(label + " answered HTTP " + answer.status() + ": " + answer.excerpt());
        }
    }
}
