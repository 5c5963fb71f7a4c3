package io.netcron.server.http.ui;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * The dashboard's logins on this node, by a random 256-bit token (the cookie's value). A session
 * ends after {@link #IDLE} without a request, after {@link #MAXIMUM} in any case, or on logout;
 * the oldest is dropped when {@link #LIMIT} are open, so logins cannot fill the heap.
 */
final class Sessions
{
    static final Duration IDLE = Duration.ofMinutes(30);
    static final Duration MAXIMUM = Duration.ofHours(12);
    static final int LIMIT = 1000;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Map<String, UiSession> sessions = new ConcurrentHashMap<>();

    Sessions(Clock clock)
    {
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Returns the new session's token. */
    String open(String user, String password)
    {
        Instant now = clock.instant();
        expire(now);
        if (sessions.size() >= LIMIT) {
            sessions.entrySet().stream()
                    .min(Map.Entry.comparingByValue(java.util.Comparator.comparing(UiSession::lastUsed)))
                    .ifPresent(oldest -> sessions.remove(oldest.getKey()));
        }
        String token = randomToken();
        sessions.put(token, new UiSession(user, password, randomToken(), now));
        return token;
    }

    Optional<UiSession> find(String token)
    {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        UiSession session = sessions.get(token);
        if (session == null) {
            return Optional.empty();
        }
        if (expired(session, now)) {
            sessions.remove(token);
            return Optional.empty();
        }
        session.touch(now);
        return Optional.of(session);
    }

    void close(String token)
    {
        if (token != null) {
            sessions.remove(token);
        }
    }

    /** Constant-time comparison of a form's CSRF field with the session's token. */
    static boolean csrfMatches(UiSession session, String submitted)
    {
        return submitted != null && MessageDigest.isEqual(session.csrfToken().getBytes(UTF_8), submitted.getBytes(UTF_8));
    }

    private void expire(Instant now)
    {
        sessions.values().removeIf(session -> expired(session, now));
    }

    private static boolean expired(UiSession session, Instant now)
    {
        return session.lastUsed().plus(IDLE).isBefore(now) || session.created().plus(MAXIMUM).isBefore(now);
    }

    private static String randomToken()
    {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
