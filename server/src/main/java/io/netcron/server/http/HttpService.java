package io.netcron.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netcron.server.config.HttpConfig;
import io.netcron.server.http.ui.Dashboard;
import io.netcron.server.lifecycle.NamedThreads;
import io.netcron.server.lifecycle.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static java.util.Objects.requireNonNull;

/**
 * The management port: {@code /health/live}, {@code /health/ready} (JSON, 503 with the reason
 * when not ready), {@code /metrics} (Prometheus text) and the web dashboard under {@code /ui}. The JDK's HTTP server on two named
 * daemon threads; off when {@code http.port} is 0.
 */
public final class HttpService
        implements Service
{
    private static final Logger log = LoggerFactory.getLogger(HttpService.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json; charset=utf-8";
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    static final String OPENMETRICS_TEXT = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final HttpConfig config;
    private final Readiness readiness;
    private final PrometheusMeterRegistry registry;
    private final Dashboard dashboard;
    private HttpServer server;
    private ExecutorService executor;

    @Inject
    public HttpService(HttpConfig config, Readiness readiness, PrometheusMeterRegistry registry, Dashboard dashboard)
    {
        this.dashboard = requireNonNull(dashboard, "dashboard is null");
        this.config = requireNonNull(config, "config is null");
        this.readiness = requireNonNull(readiness, "readiness is null");
        this.registry = requireNonNull(registry, "registry is null");
    }

    @Override
    public void start()
            throws IOException
    {
        if (!config.enabled()) {
            return;
        }
        readiness.prepare();
        InetSocketAddress address = new InetSocketAddress(config.bindAddress(), config.port());
        if (address.isUnresolved()) {
            throw new IOException("http.bind-address (NETCRON_HTTP_BIND_ADDRESS): cannot resolve '" + config.bindAddress() + "'");
        }
        try {
            server = HttpServer.create(address, 16);
        }
        catch (BindException e) {
            throw new IOException("http.port (NETCRON_HTTP_PORT): cannot listen on " + config.bindAddress() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        // four: a dashboard login or action waits for a database connection of its own
        executor = Executors.newFixedThreadPool(4, NamedThreads.daemonThreads("netcron-http"));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        if (config.ui()) {
            server.createContext("/ui", dashboard::handle);
        }
        server.start();
        log.info("Management HTTP on http://{}:{} (/health/live, /health/ready, /metrics{})", config.bindAddress(), server.getAddress().getPort(),
                config.ui() ? ", /ui" : "");
    }

    private void handle(HttpExchange exchange)
            throws IOException
    {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(exchange, 405, JSON_TYPE, json(Map.of("error", "method not allowed")));
                return;
            }
            switch (exchange.getRequestURI().getPath()) {
                case "/health/live" -> respond(exchange, 200, JSON_TYPE, json(Map.of("status", "UP")));
                case "/health/ready" -> ready(exchange);
                case "/metrics" -> metrics(exchange);
                default -> respond(exchange, 404, JSON_TYPE, json(Map.of("error", "not found", "paths", new String[] {"/health/live", "/health/ready", "/metrics", "/ui"})));
            }
        }
        catch (RuntimeException e) {
            log.warn("Management request {} failed: {}", exchange.getRequestURI(), e.getMessage(), e);
            respond(exchange, 500, JSON_TYPE, json(Map.of("error", String.valueOf(e.getMessage()))));
        }
    }

    private void ready(HttpExchange exchange)
            throws IOException
    {
        Health health = readiness.check();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", health.up() ? "UP" : "DOWN");
        health.reason().ifPresent(reason -> body.put("reason", reason));
        Map<String, Object> checks = new LinkedHashMap<>();
        health.checks().forEach((name, check) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("status", check.up() ? "UP" : "DOWN");
            check.reason().ifPresent(reason -> entry.put("reason", reason));
            check.detail().ifPresent(detail -> entry.put("detail", detail));
            checks.put(name, entry);
        });
        body.put("checks", checks);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        respond(exchange, health.up() ? 200 : 503, JSON_TYPE, json(body));
    }

    private void metrics(HttpExchange exchange)
            throws IOException
    {
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        String contentType = accept != null && accept.contains("application/openmetrics-text") ? OPENMETRICS_TEXT : PROMETHEUS_TEXT;
        respond(exchange, 200, contentType, registry.scrape(contentType).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] json(Object body)
            throws IOException
    {
        return JSON.writeValueAsBytes(body);
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body)
            throws IOException
    {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void stop()
    {
        if (server != null) {
            server.stop(1);
        }
        if (executor != null) {
            executor.shutdownNow();
        }
        readiness.close();
    }
}
