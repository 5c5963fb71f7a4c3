package io.netcron.reach;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;

/** The probes themselves: one TCP connect, or one {@code InetAddress.isReachable}. No allow-list here: see {@link Prober}. */
final class Probes
{
    private Probes() {}

    static ProbeResult run(ProbeTarget target, Duration timeout)
    {
        return target.method() == ProbeMethod.TCP ? tcp(target, timeout) : icmp(target, timeout);
    }

    private static ProbeResult tcp(ProbeTarget target, Duration timeout)
    {
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.address(), target.port()), timeoutMillis(timeout));
            return result(target, ProbeStatus.REACHABLE, started, "");
        }
        catch (SocketTimeoutException e) {
            return result(target, ProbeStatus.TIMEOUT, started, "no answer within " + timeout.toMillis() + " ms");
        }
        catch (NoRouteToHostException e) {
            return result(target, ProbeStatus.UNREACHABLE, started, "no route to host");
        }
        catch (ConnectException e) {
            String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
            return message.contains("refused")
                    ? result(target, ProbeStatus.REFUSED, started, "connection refused")
                    : result(target, ProbeStatus.UNREACHABLE, started, oneLine(e));
        }
        catch (IOException e) {
            return result(target, Thread.currentThread().isInterrupted() ? ProbeStatus.SKIPPED : ProbeStatus.ERROR, started, oneLine(e));
        }
    }

    private static ProbeResult icmp(ProbeTarget target, Duration timeout)
    {
        long started = System.nanoTime();
        try {
            return target.address().isReachable(timeoutMillis(timeout))
                    ? result(target, ProbeStatus.REACHABLE, started, "")
                    : result(target, ProbeStatus.TIMEOUT, started, "no echo reply within " + timeout.toMillis() + " ms");
        }
        catch (NoRouteToHostException e) {
            return result(target, ProbeStatus.UNREACHABLE, started, "no route to host");
        }
        catch (IOException e) {
            return result(target, ProbeStatus.ERROR, started, oneLine(e));
        }
    }

    static ProbeResult skipped(ProbeTarget target, String why)
    {
        return new ProbeResult(target.address().getHostAddress(), target.method(), target.port(), ProbeStatus.SKIPPED, Duration.ZERO, why);
    }

    private static ProbeResult result(ProbeTarget target, ProbeStatus status, long startedNanos, String detail)
    {
        return new ProbeResult(target.address().getHostAddress(), target.method(), target.port(), status, Duration.ofNanos(System.nanoTime() - startedNanos), detail);
    }

    private static int timeoutMillis(Duration timeout)
    {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    private static String oneLine(Exception e)
    {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse("");
    }
}
