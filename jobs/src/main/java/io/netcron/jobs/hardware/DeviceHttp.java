package io.netcron.jobs.hardware;

import com.fasterxml.jackson.databind.JsonNode;
import io.netcron.credentials.Credential;
import io.netcron.credentials.CredentialException;
import io.netcron.credentials.Credentials;
import io.netcron.http.HttpAnswer;
import io.netcron.http.HttpCall;
import io.netcron.http.Json;
import io.netcron.http.SharedHttpClient;
import io.netcron.job.Deadline;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** The HTTP plumbing the API drivers share: calls named by the device, with its trust, and its credential. */
final class DeviceHttp
{
    private final SharedHttpClient http;
    private final Credentials credentials;

    DeviceHttp(SharedHttpClient http, Credentials credentials)
    {
        this.http = requireNonNull(http, "http is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
    }

    Credential credential(HwTarget target)
            throws TargetException
    {
        try {
            return credentials.get(target.credentialName());
        }
        catch (CredentialException e) {
            throw new TargetException(Outcome.FAILED, target.name() + ": " + e.getMessage());
        }
    }

    /** A login credential's {@code username} and {@code password}, or FAILED naming what is missing. */
    static Login login(HwTarget target, Credential credential)
            throws TargetException
    {
        try {
            return new Login(credential.username(), credential.password().reveal());
        }
        catch (CredentialException e) {
            throw new TargetException(Outcome.FAILED, target.name() + ": " + e.getMessage());
        }
    }

    static String basic(Login login)
    {
        return "Basic " + Base64.getEncoder().encodeToString((login.username() + ":" + login.password()).getBytes(StandardCharsets.UTF_8));
    }

    HttpCall call(HwTarget target, String method, String pathAndQuery, byte[] body)
    {
        return new HttpCall(target.name(), method, target.uri(pathAndQuery), Map.of(), Optional.ofNullable(body), target.trust(), Optional.empty());
    }

    HttpAnswer exchange(HttpCall call, Deadline deadline)
            throws TargetException
    {
        return http.exchange(call, deadline);
    }

    HttpAnswer send(HttpCall call, Deadline deadline)
            throws TargetException
    {
        return http.send(call, deadline);
    }

    /**
     * Sends a login (its body carries the password): a 2xx answer is returned; otherwise the message
     * names the status only, never the body, which some devices fill with the request they refused.
     */
    HttpAnswer sendLogin(HttpCall call, String credentialName, Deadline deadline)
            throws TargetException
    {
        HttpAnswer answer = http.exchange(call, deadline);
        if (answer.ok()) {
            return answer;
        }
        if (answer.status() == 401 || answer.status() == 403) {
            throw new TargetException(Outcome.AUTH_FAILED, call.target() + ": HTTP " + answer.status() + " on " + call.describe()
                    + ": the login of credential '" + credentialName + "' was refused");
        }
        throw new TargetException(Outcome.FAILED, call.target() + ": HTTP " + answer.status() + " on " + call.describe() + " (login; answer not shown)");
    }

    JsonNode json(HttpCall call, Deadline deadline)
            throws TargetException
    {
        return http.json(call, deadline);
    }

    static JsonNode json(HttpCall call, HttpAnswer answer)
            throws TargetException
    {
        return Json.tree(call.target(), call.describe(), answer.body());
    }

    static TargetException malformed(HwTarget target, String what)
    {
        return new TargetException(Outcome.PARSE_ERROR, target.name() + ": " + what);
    }

    /** A text field of a JSON object, empty when absent or not a value. */
    static String text(JsonNode node, String field)
    {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : "";
    }

    record Login(String username, String password)
    {
        @Override
        public String toString()
        {
            return "Login[" + username + "]";
        }
    }
}
