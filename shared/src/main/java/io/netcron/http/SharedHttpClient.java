package io.netcron.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.netcron.job.Deadline;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;
import jakarta.inject.Inject;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/**
 * The one pooled HTTP client the shared clients and jobs use. Each call carries its own TLS trust
 * (connections are pooled per host and trust, never shared between trusts), its timeouts are capped
 * by the call's deadline, redirects are not followed (a token must not travel to another host),
 * and failures become {@link TargetException}s with the outcome a fan-out counts.
 */
public final class SharedHttpClient
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(SharedHttpClient.class);
    static final String TRUST_ATTRIBUTE = "io.netcron.http.trust";

    private final HttpClientSettings settings;
    private final TlsContexts tls = new TlsContexts();
    private final CloseableHttpClient client;
    private final ScheduledExecutorService canceller;
    private final Set<String> warnedInsecure = ConcurrentHashMap.newKeySet();

    @Inject
    public SharedHttpClient(HttpClientSettings settings)
    {
        this.settings = requireNonNull(settings, "settings is null");
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(settings.maxConnections())
                        .setMaxConnPerRoute(settings.maxConnectionsPerTarget())
                        .setTlsSocketStrategy(new PerTargetTlsStrategy(tls))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                                .setSocketTimeout(Timeout.of(settings.timeout()))
                                .build())
                        .setDefaultTlsConfig(TlsConfig.custom().setHandshakeTimeout(Timeout.of(settings.connectTimeout())).build())
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
        this.canceller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "netcron-http-timeouts");
            thread.setDaemon(true);
            return thread;
        });
    }

    public HttpClientSettings settings()
    {
        return settings;
    }

    /**
     * Sends the call and returns any answer, whatever its status. Transport failures throw:
     * refused, unresolvable, TLS handshake or pin failure → UNREACHABLE; no answer in time → TIMEOUT.
     */
    public HttpAnswer exchange(HttpCall call, Deadline deadline)
            throws TargetException
    {
        requireNonNull(call, "call is null");
        requireNonNull(deadline, "deadline is null");
        if (deadline.expired()) {
            throw new TargetException(Outcome.TIMEOUT, call.target() + ": the deadline passed before " + call.describe());
        }
        if (call.trust() instanceof TlsTrust.Insecure && "https".equalsIgnoreCase(call.uri().getScheme()) && warnedInsecure.add(call.target())) {
            log.warn("TLS certificate checks are OFF for {} (insecure mode): any certificate is accepted", call.target());
        }
        if ("https".equalsIgnoreCase(call.uri().getScheme())) {
            tls.strategy(call.trust(), call.target()); // a bad CA file fails here, clearly, before any connection
        }
        Duration timeout = deadline.cap(call.timeout().orElse(settings.timeout()));
        Duration connectTimeout = deadline.cap(settings.connectTimeout().compareTo(timeout) < 0 ? settings.connectTimeout() : timeout);

        HttpUriRequestBase request = new HttpUriRequestBase(call.method(), call.uri());
        call.headers().forEach(request::addHeader);
        call.body().ifPresent(body -> request.setEntity(new ByteArrayEntity(body, contentType(call))));

        HttpClientContext context = HttpClientContext.create();
        context.setAttribute(TRUST_ATTRIBUTE, call.trust());
        context.setUserToken(call.trust()); // pooled connections are reused only under the same trust
        context.setRequestConfig(requestConfig(connectTimeout, timeout));

        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> hardStop = canceller.schedule(() -> {
            timedOut.set(true);
            request.cancel();
        }, deadline.cap(connectTimeout.plus(timeout)).toNanos(), TimeUnit.NANOSECONDS); // the whole call, never past the deadline
        try {
            return client.execute(request, context, response -> answer(call, response));
        }
        catch (IOException e) {
            throw HttpFailures.transport(call, e, timedOut.get(), timeout);
        }
        finally {
            hardStop.cancel(false);
        }
    }

    /** Sends the call; a status other than 2xx throws (401/403 → AUTH_FAILED, others → FAILED with an excerpt). */
    public HttpAnswer send(HttpCall call, Deadline deadline)
            throws TargetException
    {
        HttpAnswer answer = exchange(call, deadline);
        if (!answer.ok()) {
            throw HttpFailures.status(call, answer);
        }
        return answer;
    }

    /** Sends the call and reads a 2xx answer as JSON. */
    public JsonNode json(HttpCall call, Deadline deadline)
            throws TargetException
    {
        return Json.tree(call.target(), call.describe(), send(call.withHeader("Accept", "application/json"), deadline).body());
    }

    public <T> T json(HttpCall call, Class<T> type, Deadline deadline)
            throws TargetException
    {
        return Json.read(call.target(), call.describe(), send(call.withHeader("Accept", "application/json"), deadline).body(), type);
    }

    @SuppressWarnings("deprecation") // per-request connect timeout: still honoured, and the only per-call knob
    private static RequestConfig requestConfig(Duration connectTimeout, Duration timeout)
    {
        return RequestConfig.custom()
                .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                .setConnectTimeout(Timeout.of(connectTimeout))
                .setResponseTimeout(Timeout.of(timeout))
                .build();
    }

    private static ContentType contentType(HttpCall call)
    {
        return call.headers().entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Content-Type"))
                .map(header -> ContentType.parse(header.getValue()))
                .findFirst()
                .orElse(ContentType.APPLICATION_JSON);
    }

    private HttpAnswer answer(HttpCall call, ClassicHttpResponse response)
            throws IOException
    {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            headers.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), name -> new ArrayList<>()).add(header.getValue());
        }
        return new HttpAnswer(response.getCode(), headers, body(call, response.getEntity()));
    }

    private byte[] body(HttpCall call, HttpEntity entity)
            throws IOException
    {
        if (entity == null) {
            return new byte[0];
        }
        try (InputStream in = entity.getContent()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16384];
            long total = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                if (total > settings.maxBodyBytes()) {
                    throw new BodyTooLargeException(call.target() + ": the answer to " + call.describe() + " is larger than " + settings.maxBodyBytes() + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    @Override
    public void close()
            throws IOException
    {
        canceller.shutdownNow();
        client.close();
    }

    static final class BodyTooLargeException
            extends IOException
    {
        BodyTooLargeException(String message)
        {
            super(message);
        }
    }
}
