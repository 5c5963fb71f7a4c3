package io.netcron.server.cli;

import io.netcron.server.errors.UserException;

import io.netcron.server.errors.Errors;
import io.netcron.server.config.HttpConfig;
import io.netcron.server.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Asks this host's node for its health on the management port, for container health checks (a
 * JRE image has no curl) and scripts: exit 0 when it answers 200, 1 otherwise.
 */
@Command(name = "health", description = "Ask the node on this host for /health/ready (or /health/live): exit 0 when healthy, 1 when not.")
public final class HealthCommand
        implements Callable<Integer>
{
    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "[::]", "*");

    @Mixin
    ConfigOptions options;

    @Option(names = "--live", description = "Check liveness (/health/live) instead of readiness")
    boolean live;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s", description = "How long to wait for the answer (default: ${DEFAULT-VALUE})")
    String timeout;

    @Override
    public Integer call()
    {
        HttpConfig http = options.load().http();
        if (!http.enabled()) {
            throw new UserException("health: the management port is off; set http.port (NETCRON_HTTP_PORT)");
        }
        Duration wait = Settings.parseDuration(timeout)
                .filter(value -> !value.isNegative() && !value.isZero())
                .orElseThrow(() -> new UserException("health: --timeout must be a duration such as 5s, got '" + timeout + "'"));
        URI uri = URI.create("http://" + host(http.bindAddress()) + ":" + http.port() + (live ? "/health/live" : "/health/ready"));
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout((int) wait.toMillis());
            connection.setReadTimeout((int) wait.toMillis());
            int status = connection.getResponseCode();
            InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream();
            String text = body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
            System.out.println(status + " " + text.strip());
            return status == 200 ? 0 : ExitCodes.FAILURE;
        }
        catch (IOException e) {
            System.out.println("no answer from " + uri + ": " + Errors.oneLine(e));
            return ExitCodes.FAILURE;
        }
    }

    /** The address the node listens on; loopback when it listens on every address. */
    static String host(String bindAddress)
    {
        if (bindAddress.isBlank() || WILDCARDS.contains(bindAddress)) {
            return "127.0.0.1";
        }
        return bindAddress.contains(":") && !bindAddress.startsWith("[") ? "[" + bindAddress + "]" : bindAddress;
    }
}
