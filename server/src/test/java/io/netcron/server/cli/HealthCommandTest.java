package io.netcron.server.cli;

import io.netcron.server.Main;
import io.netcron.testing.FakeHttpServer;
import io.netcron.testing.LoopbackPorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class HealthCommandTest
{
    @TempDir
    Path directory;

    private FakeHttpServer server;

    @AfterEach
    void stop()
    {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void readyNodeExitsZero()
            throws Exception
    {
        int port = serve(200, "{\"status\":\"UP\"}");
        assertThat(Main.execute("health", "--config", config(port, "0.0.0.0").toString())).isZero();
        assertThat(server.requests()).extracting(FakeHttpServer.Request::path).containsExactly("/health/ready");
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
        assertThat(server.requests()).extracting(FakeHttpServer.Request::path).containsExactly("/health/live");
    }

    @Test
    void nothingListeningExitsOne()
            throws Exception
    {
        int port = LoopbackPorts.closed();
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
        server = FakeHttpServer.http().on("/", (exchange, request) -> FakeHttpServer.json(exchange, status, body)).start();
        return server.port();
    }

    private Path config(int port, String bindAddress)
            throws IOException
    {
        return Files.writeString(directory.resolve("netcron.yaml"), "http:\n  port: " + port + "\n  bind-address: " + bindAddress + "\n");
    }
}
