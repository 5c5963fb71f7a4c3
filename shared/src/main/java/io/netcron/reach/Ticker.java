package io.netcron.reach;

/** Time for the rate limiter: the real monotonic clock, or a fake one in tests. */
interface Ticker
{
    Ticker SYSTEM = new Ticker()
    {
        @Override
        public long nanoTime()
        {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos)
                throws InterruptedException
        {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(nanos);
        }
    };

    long nanoTime();

    void sleepNanos(long nanos)
            throws InterruptedException;
}
