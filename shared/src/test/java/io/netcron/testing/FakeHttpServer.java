package io.netcron.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.SSLContext;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP(S) peer on 127.0.0.1 for client tests: handlers per path prefix, and every request
 * recorded (method, path with query, headers, body) so a test can check what was sent.
 */
public final class FakeHttpServer
        implements AutoCloseable
{
    public record Request(String method, String pathAndQuery, Headers headers, String body)
    {
        public String header(String name)
        {
            return headers.getFirst(name);
        }

        /** The path without the query. */
        public String path()
        {
            int question = pathAndQuery.indexOf('?');
            return question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        }

        /** The query's parameters, decoded, each with its values in order ({@code tag=a&tag=b}). */
        public Map<String, List<String>> query()
        {
            Map<String, List<String>> query = new LinkedHashMap<>();
            int question = pathAndQuery.indexOf('?');
            if (question < 0 || question == pathAndQuery.length() - 1) {
                return query;
            }
            for (String pair : pathAndQuery.substring(question + 1).split("&")) {
                int equals = pair.indexOf('=');
                String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            }
            return query;
        }
    }

    @FunctionalInterface
    public interface Handler
    {
        void handle(HttpExchange exchange, Request request)
                throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final boolean https;

    private FakeHttpServer(HttpServer server, boolean https)
    {
        this.server = server;
        this.https = https;
        server.setExecutor(executor);
    }

    public static FakeHttpServer http()
            throws IOException
    {
        return new FakeHttpServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), false);
    }

    public static FakeHttpServer https(SSLContext context)
            throws IOException
    {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        return new FakeHttpServer(server, true);
    }

    public FakeHttpServer on(String pathPrefix, Handler handler)
    {
        server.createContext(pathPrefix, exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(), exchange.getRequestHeaders(), body);
                requests.add(request);
                handler.handle(exchange, request);
            }
        });
        return this;
    }

    public FakeHttpServer start()
    {
        server.start();
        return this;
    }

    public int port()
    {
        return server.getAddress().getPort();
    }

    /** {@code 127.0.0.1:port}, as jobs' params name a host. */
    public String address()
    {
        return "127.0.0.1:" + port();
    }

    public URI uri(String path)
    {
        return URI.create((https ? "https" : "http") + "://" + address() + path);
    }

    public List<Request> requests()
    {
        return List.copyOf(requests);
    }

    /** Answers with a JSON body. */
    public static void json(HttpExchange exchange, int status, String json)
            throws IOException
    {
        respond(exchange, status, Map.of("Content-Type", "application/json"), json);
    }

    public static void respond(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException
    {
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Holds the answer until the server is closed: a peer that never answers in time. */
    public void hang()
    {
        try {
            stop.await(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close()
    {
        stop.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
