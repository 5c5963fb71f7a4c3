package io.netcron.target;

import java.util.Locale;

/** What happened to one target (device, console, name server) of a run; counted in the run's result. */
public enum Outcome
{
    /** Done; nothing to say about changes. */
    OK,
    /** Done, and something was written (IPAM updated, config committed). */
    CHANGED,
    /** Done, and nothing needed writing. */
    UNCHANGED,
    /** No connection: refused, no route, TLS handshake or pin failure, connect timeout. */
    UNREACHABLE,
    /** The target or its API refused the credentials (401, 403 on login, SSH auth failure). */
    AUTH_FAILED,
    /** The target answered, but not in the shape expected. */
    PARSE_ERROR,
    /** The target's platform or this request is not supported. */
    UNSUPPORTED,
    /** No answer within the per-target timeout (or the run's deadline). */
    TIMEOUT,
    /** Skipped on purpose (filtered out, dry run of a write). */
    SKIPPED,
    /** Any other failure. */
    FAILED;

    public boolean isFailure()
    {
        return switch (this) {
            case OK, CHANGED, UNCHANGED, SKIPPED -> false;
            default -> true;
        };
    }

    public String sqlName()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
