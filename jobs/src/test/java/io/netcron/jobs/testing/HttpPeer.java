package io.netcron.jobs.testing;

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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP(S) peer on 127.0.0.1 (the JDK's server) answering with the vendors' documented payloads:
 * handlers per path prefix, every request recorded. The shared module's tests have the same idea.
 */
public final class HttpPeer
        implements AutoCloseable
{
    public record Request(String method, String pathAndQuery, Headers headers, String body) {}

    @FunctionalInterface
    public interface Handler
    {
        void handle(HttpExchange exchange, Request request)
                throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    private final boolean https;

    private HttpPeer(HttpServer server, boolean https)
    {
        this.server = server;
        this.https = https;
        server.setExecutor(executor);
    }

    public static HttpPeer http()
            throws IOException
    {
        return new HttpPeer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), false);
    }

    public static HttpPeer https(SSLContext context)
            throws IOException
    {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        return new HttpPeer(server, true);
    }

    public HttpPeer on(String pathPrefix, Handler handler)
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

    public HttpPeer start()
    {
        server.start();
        return this;
    }

    public int port()
    {
        return server.getAddress().getPort();
    }

    /** {@code 127.0.0.1:port}. */
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

    public static void json(HttpExchange exchange, int status, String json)
            throws IOException
    {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close()
    {
        server.stop(0);
        executor.shutdownNow();
    }
}
