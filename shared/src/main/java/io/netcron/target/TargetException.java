package io.netcron.target;

import static java.util.Objects.requireNonNull;

/**
 * A failure of one target, with the outcome it counts as. Clients throw it so a fan-out can count
 * "unreachable" apart from "auth_failed" or "parse_error"; the message names the target and the
 * reason on one line, never a secret.
 */
public class TargetException
        extends Exception
{
    private final Outcome outcome;

    public TargetException(Outcome outcome, String message)
    {
        super(message);
        this.outcome = requireNonNull(outcome, "outcome is null");
    }

    public TargetException(Outcome outcome, String message, Throwable cause)
    {
        super(message, cause);
        this.outcome = requireNonNull(outcome, "outcome is null");
    }

    public Outcome outcome()
    {
        return outcome;
    }
}
