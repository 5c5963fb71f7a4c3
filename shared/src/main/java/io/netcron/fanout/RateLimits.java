package io.netcron.fanout;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** At most N starts per second per key (platform, API endpoint): each start takes the next free slot. */
final class RateLimits
{
    private final long intervalNanos;
    private final Map<String, Long> nextSlot = new HashMap<>();

    RateLimits(double startsPerSecond)
    {
        if (!(startsPerSecond > 0)) {
            throw new IllegalArgumentException("startsPerSecond must be > 0, got " + startsPerSecond);
        }
        this.intervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) / startsPerSecond);
    }

    /** Waits for {@code key}'s next slot. */
    void acquire(String key)
            throws InterruptedException
    {
        long now = System.nanoTime();
        long slot;
        synchronized (nextSlot) {
            Long next = nextSlot.get(key);
            slot = next == null || next - now < 0 ? now : next;
            nextSlot.put(key, slot + intervalNanos);
        }
        long wait = slot - now;
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
