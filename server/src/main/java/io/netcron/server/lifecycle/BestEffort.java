package io.netcron.server.lifecycle;

import org.slf4j.Logger;

/** Bookkeeping that must not stop the work around it (a state row, a next-fire time): a failure is a warning. */
public final class BestEffort
{
    private BestEffort() {}

    public static void run(Logger log, Runnable action)
    {
        run(log, action, "");
    }

    /** As {@link #run(Logger, Runnable)}, the warning saying what failed. */
    public static void run(Logger log, String what, Runnable action)
    {
        run(log, action, what + " failed: ");
    }

    private static void run(Logger log, Runnable action, String prefix)
    {
        try {
            action.run();
        }
        catch (RuntimeException e) {
            log.warn("{}{}", prefix, e.getMessage());
        }
    }
}
