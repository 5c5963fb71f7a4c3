package io.netcron.server.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Retries a database call that failed because the connection went away (a restarted database, a
 * terminated backend, a pool that had to reconnect): the pool evicts the broken connection, and
 * the next try gets a fresh one. Anything else fails at once.
 */
public final class Transient
{
    private static final Logger log = LoggerFactory.getLogger(Transient.class);
    public static final int ATTEMPTS = 5;
    public static final Duration PAUSE = Duration.ofMillis(500);

    private Transient() {}

    public static <T> T retry(String what, Supplier<T> action)
    {
        return retry(what, ATTEMPTS, PAUSE, action);
    }

    public static void retry(String what, Runnable action)
    {
        retry(what, ATTEMPTS, PAUSE, () -> {
            action.run();
            return null;
        });
    }

    public static <T> T retry(String what, int attempts, Duration pause, Supplier<T> action)
    {
        for (int attempt = 1; ; attempt++) {
            try {
                return action.get();
            }
            catch (RuntimeException e) {
                if (attempt >= attempts || !isTransient(e)) {
                    throw e;
                }
                log.warn("{} failed ({}); retrying ({}/{})", what, e.getMessage(), attempt, attempts - 1);
                try {
                    Thread.sleep(pause.toMillis() * attempt);
                }
                catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** A lost or refused connection: SQLSTATE class 08, an administrator shutdown (57P0x), or too many connections. */
    public static boolean isTransient(Throwable error)
    {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || state.equals("53300")) {
                    return true;
                }
            }
        }
        return false;
    }
}
