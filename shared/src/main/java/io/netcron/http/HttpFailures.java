package io.netcron.http;

import io.netcron.target.Outcome;
import io.netcron.target.TargetException;
import org.apache.hc.client5.http.ConnectTimeoutException;

import javax.net.ssl.SSLException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/** Turns transport exceptions and HTTP statuses into one-line {@link TargetException}s. Never shows headers. */
public final class HttpFailures
{
    private static final Pattern SECRET_HEADER = Pattern.compile("(?i)auth|token|key|secret|cookie|session|password");

    private HttpFailures() {}

    /** A non-2xx answer: 401/403 → AUTH_FAILED, anything else → FAILED with status and a body excerpt. */
    public static TargetException status(HttpCall call, HttpAnswer answer)
    {
        String message = call.target() + ": HTTP " + answer.status() + " on " + call.describe()
                + (answer.status() >= 300 && answer.status() < 400 ? " (redirects are not followed: use the final URL)" : "")
                + (answer.body().length == 0 ? "" : ": " + answer.excerpt());
        Outcome outcome = answer.status() == 401 || answer.status() == 403 ? Outcome.AUTH_FAILED : Outcome.FAILED;
        return new TargetException(outcome, redact(call, message));
    }

    /** A peer may echo the request (error pages, debug proxies): credential header values never reach a message. */
    public static String redact(HttpCall call, String message)
    {
        String redacted = message;
        for (Map.Entry<String, String> header : call.headers().entrySet()) {
            if (!SECRET_HEADER.matcher(header.getKey()).find()) {
                continue;
            }
            String value = header.getValue();
            String credential = value.substring(value.lastIndexOf(' ') + 1);
            if (!value.isBlank()) {
                redacted = redacted.replace(value, "********");
            }
            if (credential.length() >= 6) {
                redacted = redacted.replace(credential, "********");
            }
        }
        return redacted;
    }

    static TargetException transport(HttpCall call, IOException e, boolean cancelledByDeadline, Duration timeout)
    {
        String prefix = call.target() + ": ";
        String request = call.describe();
        if (cancelledByDeadline) {
            return new TargetException(Outcome.TIMEOUT, prefix + "no complete answer to " + request + " within " + timeout.toMillis() + " ms", e);
        }
        TlsContexts.PinMismatchException pin = find(e, TlsContexts.PinMismatchException.class);
        if (pin != null) {
            return new TargetException(Outcome.UNREACHABLE, prefix + "TLS certificate does not match the pin (" + call.trust().describe()
                    + "; the server presented sha256 " + pin.presented() + ")", e);
        }
        if (e instanceof SSLException || find(e, SSLException.class) != null) {
            return new TargetException(Outcome.UNREACHABLE, prefix + "TLS handshake failed (" + call.trust().describe() + "): " + rootMessage(e), e);
        }
        if (e instanceof ConnectTimeoutException) {
            return new TargetException(Outcome.UNREACHABLE, prefix + "connect timed out (" + request + ")", e);
        }
        if (e instanceof SocketTimeoutException || find(e, SocketTimeoutException.class) != null) {
            return new TargetException(Outcome.TIMEOUT, prefix + "no answer to " + request + " within " + timeout.toMillis() + " ms", e);
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return new TargetException(Outcome.UNREACHABLE, prefix + "connection refused (" + request + ")", e);
        }
        if (e instanceof UnknownHostException) {
            return new TargetException(Outcome.UNREACHABLE, prefix + "unknown host (" + request + ")", e);
        }
        if (e instanceof SharedHttpClient.BodyTooLargeException) {
            return new TargetException(Outcome.FAILED, e.getMessage(), e);
        }
        return new TargetException(Outcome.FAILED, prefix + request + " failed: " + rootMessage(e), e);
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type)
    {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e)
    {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return Json.firstLine(message);
    }
}
