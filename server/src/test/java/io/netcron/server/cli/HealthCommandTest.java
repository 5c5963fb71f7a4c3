package io.netcron.server.cli;

import com.sun.net.httpserver.HttpServer;
import io.netcron.server.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class HealthCommandTest
{
    @TempDir
    Path directory;

    private final List<String> paths = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop()
    {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void readyNodeExitsZero()
            throws Exception
    {
        int port = serve(200, "{\"status\":\"UP\"}");
        assertThat(Main.execute("health", "--config", config(port, "0.0.0.0").toString())).isZero();
        assertThat(paths).containsExactly("/health/ready");
    }

    @Test
    void notReadyNodeExitsOne()
            throws Exception
    {
        int port = serve(503, "{\"status\":\"DOWN\",\"reason\":\"database: no answer within 2000 ms\"}");
        assertThat(Main.execute("health", "--config", config(port, "127.0.0.1").toString())).isEqualTo(Main.EXIT_FAILURE);
    }

    @Test
    void liveAsksForLiveness()
            throws Exception
    {
        int port = serve(200, "{\"status\":\"UP\"}");
        assertThat(Main.execute("health", "--live", "--config", config(port, "127.0.0.1").toString())).isZero();
        assertThat(paths).containsExactly("/health/live");
    }

    @Test
    void nothingListeningExitsOne()
            throws Exception
    {
        int port = serve(200, "{}");
        server.stop(0);
        server = null;
        assertThat(Main.execute("health", "--timeout", "1s", "--config", config(port, "127.0.0.1").toString())).isEqualTo(Main.EXIT_FAILURE);
    }

    @Test
    void managementPortOffIsAUserError()
            throws Exception
    {
        assertThat(Main.execute("health", "--config", config(0, "127.0.0.1").toString())).isEqualTo(Main.EXIT_USAGE);
    }

    @Test
    void wildcardBindAddressesAreAskedOnLoopback()
    {
        assertThat(HealthCommand.host("0.0.0.0")).isEqualTo("127.0.0.1");
        assertThat(HealthCommand.host("::")).isEqualTo("127.0.0.1");
        assertThat(HealthCommand.host("::1")).isEqualTo("[::1]");
        assertThat(HealthCommand.host("127.0.0.2")).isEqualTo("127.0.0.2");
    }

    private int serve(int status, String body)
            throws IOException
    {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        server.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return server.getAddress().getPort();
    }

    private Path config(int port, String bindAddress)
            throws IOException
    {
        return Files.writeString(directory.resolve("netcron.yaml"), "http:\n  port: " + port + "\n  bind-address: " + bindAddress + "\n");
    }
}
