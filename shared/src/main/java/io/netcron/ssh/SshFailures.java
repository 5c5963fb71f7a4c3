package io.netcron.ssh;

import com.jcraft.jsch.JSchException;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/** Turns JSch's failures into {@link TargetException}s with the outcome a fan-out counts; messages name the target, never a secret. */
final class SshFailures
{
    private SshFailures() {}

    static TargetException connect(JSchException e, String address, String user, Duration timeout)
    {
        String message = e.getMessage() == null ? "" : e.getMessage();
        // JSch's auth exceptions are package-private; their messages start like this
        if (message.startsWith("Auth fail") || message.startsWith("Auth cancel") || message.startsWith("Partial auth")) {
            return new TargetException(Outcome.AUTH_FAILED, "SSH login to " + address + " as " + user + " refused" + methods(message));
        }
        Throwable cause = e;
        while (cause != null) {
            switch (cause) {
                case ConnectException c -> {
                    return new TargetException(Outcome.UNREACHABLE, "SSH connection to " + address + " refused");
                }
                case NoRouteToHostException c -> {
                    return new TargetException(Outcome.UNREACHABLE, "no route to " + address);
                }
                case UnknownHostException c -> {
                    return new TargetException(Outcome.UNREACHABLE, "unknown host in " + address);
                }
                case SocketTimeoutException c when String.valueOf(c.getMessage()).toLowerCase().contains("connect") -> {
                    return new TargetException(Outcome.UNREACHABLE, "SSH connect to " + address + " timed out after " + timeout.toMillis() + " ms");
                }
                case SocketTimeoutException c -> {
                    return new TargetException(Outcome.TIMEOUT, "no SSH answer from " + address + " within " + timeout.toMillis() + " ms");
                }
                default -> {
                }
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        if (message.contains("socket is not established")) {
            return new TargetException(Outcome.UNREACHABLE, "SSH connect to " + address + " timed out after " + timeout.toMillis() + " ms");
        }
        if (message.startsWith("timeout")) {
            return new TargetException(Outcome.TIMEOUT, "no SSH answer from " + address + " within " + timeout.toMillis() + " ms");
        }
        return new TargetException(Outcome.FAILED, "SSH connection to " + address + " failed: " + oneLine(message));
    }

    private static String methods(String message)
    {
        int at = message.indexOf(" for methods ");
        return at < 0 ? "" : " (tried " + message.substring(at + " for methods ".length()).replace("'", "") + ")";
    }

    static String oneLine(String message)
    {
        return message.isBlank() ? "unknown error" : message.lines().findFirst().orElse(message);
    }
}
