package io.netcron.server.http.ui;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

/**
 * A logged-in operator on one node. The password is kept (in this node's memory only, for the
 * session's life) because each action opens a connection as that PostgreSQL role, so the audit
 * log names the person; it is never logged or rendered ({@link #toString} leaves it out).
 */
final class UiSession
{
    private final String user;
    private final String password;
    private final String csrfToken;
    private final Instant created;
    private volatile Instant lastUsed;
    private final AtomicReference<Html.Flash> flash = new AtomicReference<>();

    UiSession(String user, String password, String csrfToken, Instant created)
    {
        this.user = requireNonNull(user, "user is null");
        this.password = requireNonNull(password, "password is null");
        this.csrfToken = requireNonNull(csrfToken, "csrfToken is null");
        this.created = requireNonNull(created, "created is null");
        this.lastUsed = created;
    }

    String user()
    {
        return user;
    }

    String password()
    {
        return password;
    }

    String csrfToken()
    {
        return csrfToken;
    }

    Instant created()
    {
        return created;
    }

    Instant lastUsed()
    {
        return lastUsed;
    }

    void touch(Instant now)
    {
        lastUsed = now;
    }

    void flash(Html.Flash message)
    {
        flash.set(message);
    }

    Optional<Html.Flash> takeFlash()
    {
        return Optional.ofNullable(flash.getAndSet(null));
    }

    @Override
    public String toString()
    {
        return "UiSession{user=" + user + ", created=" + created + "}";
    }
}
