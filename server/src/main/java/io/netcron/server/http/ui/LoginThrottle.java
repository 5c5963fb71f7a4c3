package io.netcron.server.http.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Slows down password guessing through the dashboard: after {@link #FAILURES} refused logins for
 * one user name within {@link #WINDOW}, further attempts for that name are refused without asking
 * the database until the oldest failure leaves the window. Per node, in memory, bounded.
 */
final class LoginThrottle
{
    static final int FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(5);
    private static final int NAMES = 10_000;

    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new HashMap<>();

    LoginThrottle(Clock clock)
    {
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** True when this user name may try to log in now. */
    synchronized boolean allowed(String user)
    {
        Deque<Instant> recent = failures.get(key(user));
        if (recent == null) {
            return true;
        }
        prune(recent, clock.instant());
        return recent.size() < FAILURES;
    }

    synchronized void failed(String user)
    {
        Instant now = clock.instant();
        if (failures.size() >= NAMES) {
            failures.values().forEach(recent -> prune(recent, now));
            failures.values().removeIf(Deque::isEmpty);
            if (failures.size() >= NAMES) {
                failures.clear();
            }
        }
        failures.computeIfAbsent(key(user), name -> new ArrayDeque<>()).addLast(now);
    }

    synchronized void succeeded(String user)
    {
        failures.remove(key(user));
    }

    private static void prune(Deque<Instant> recent, Instant now)
    {
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(WINDOW))) {
            recent.removeFirst();
        }
    }

    private static String key(String user)
    {
        return user.toLowerCase(Locale.ROOT);
    }
}
