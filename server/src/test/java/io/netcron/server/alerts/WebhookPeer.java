package io.netcron.server.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A webhook receiver on 127.0.0.1 (JDK HttpServer) answering as the vendors document: Slack 200
 * "ok", Teams incoming webhook 200 "1", a generic receiver 204; or a set failure status and body.
 * Records every request's path, Authorization header and JSON body.
 */
final class WebhookPeer
        implements AutoCloseable
{
    record Received(String path, String authorization, JsonNode body) {}

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status;
    private volatile String answer;

    private WebhookPeer(int status, String answer)
    {
        this.status = status;
        this.answer = answer;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Authorization"),
                        MAPPER.readTree(body)));
                byte[] reply = this.answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
                exchange.sendResponseHeaders(this.status, reply.length == 0 ? -1 : reply.length);
                if (reply.length > 0) {
                    exchange.getResponseBody().write(reply);
                }
            }
        });
        server.start();
    }

    static WebhookPeer slack()
    {
        return new WebhookPeer(200, "ok");
    }

    static WebhookPeer teams()
    {
        return new WebhookPeer(200, "1");
    }

    static WebhookPeer generic()
    {
        return new WebhookPeer(204, "");
    }

    /** From now on answers like Slack for a revoked or wrong URL (or any other failure). */
    void failWith(int newStatus, String newAnswer)
    {
        status = newStatus;
        answer = newAnswer;
    }

    String url(String path)
    {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Received> received()
    {
        return List.copyOf(received);
    }

    @Override
    public void close()
    {
        server.stop(0);
        executor.shutdownNow();
    }
}
