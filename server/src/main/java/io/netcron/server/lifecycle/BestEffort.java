package io.netcron.server.lifecycle;

import org.slf4j.Logger;

/** Bookkeeping that must not stop the work around it (a state row, a next-fire time): a failure is a warning. */
public final class BestEffort
{
    private BestEffort() {}

    public static void run(Logger log, Runnable action)
    {
        try {
            action.run();
        }
        catch (RuntimeException e) {
            log.warn("{}", e.getMessage());
        }
    }
}
