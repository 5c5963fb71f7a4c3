package io.netcron.http;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One HTTP request to one target. {@code target} names it in errors and logs (a device name, or
 * host:port). Header values are never shown by {@link #toString()}: they may hold a token.
 */
public record HttpCall(String target, String method, URI uri, Map<String, String> headers, Optional<byte[]> body, TlsTrust trust, Optional<Duration> timeout)
{
    public HttpCall
    {
        requireNonNull(target, "target is null");
        requireNonNull(method, "method is null");
        requireNonNull(uri, "uri is null");
        headers = Map.copyOf(requireNonNull(headers, "headers is null"));
        requireNonNull(body, "body is null");
        requireNonNull(trust, "trust is null");
        requireNonNull(timeout, "timeout is null");
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("not an http(s) URL: " + uri.getScheme() + "://" + uri.getHost());
        }
    }

    public static HttpCall get(URI uri)
    {
        return new HttpCall(defaultTarget(uri), "GET", uri, Map.of(), Optional.empty(), TlsTrust.systemCas(), Optional.empty());
    }

    public static HttpCall of(String method, URI uri, byte[] body)
    {
        return new HttpCall(defaultTarget(uri), method, uri, Map.of(), Optional.ofNullable(body), TlsTrust.systemCas(), Optional.empty());
    }

    /** host:port of the URL. */
    public static String defaultTarget(URI uri)
    {
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    public HttpCall withTarget(String name)
    {
        return new HttpCall(name, method, uri, headers, body, trust, timeout);
    }

    public HttpCall withHeader(String name, String value)
    {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new HttpCall(target, method, uri, copy, body, trust, timeout);
    }

    public HttpCall withTrust(TlsTrust newTrust)
    {
        return new HttpCall(target, method, uri, headers, body, newTrust, timeout);
    }

    public HttpCall withTimeout(Duration newTimeout)
    {
        return new HttpCall(target, method, uri, headers, body, trust, Optional.of(newTimeout));
    }

    /** The request line for messages: method and URL without its query (which may carry filters or keys). */
    public String describe()
    {
        return method + " " + uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    @Override
    public String toString()
    {
        return "HttpCall[" + target + " " + describe() + " headers=" + headers.keySet() + " trust=" + trust.describe() + "]";
    }
}
