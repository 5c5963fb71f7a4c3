package io.netcron.bench;

import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Samples the side's PostgreSQL sessions every 100 ms ({@code pg_stat_activity}) during a window:
 * on average how many were running a statement, waiting for a lock (Quartz's {@code TRIGGER_ACCESS}
 * row lock shows as {@code Lock/transactionid} or {@code Lock/tuple}), or idle inside a transaction
 * (the client's turn: a round trip or the JVM's CPU). Says what bounds the firing rate.
 */
final class Sessions
        implements AutoCloseable
{
    private final TestDatabase database;
    private final Map<String, LongAdder> sums = new ConcurrentHashMap<>();
    private final AtomicLong samples = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    Sessions(TestDatabase database)
    {
        this.database = database;
        this.thread = Thread.ofPlatform().daemon().name("bench-sessions").start(this::sample);
    }

    private void sample()
    {
        while (running) {
            try {
                Sql.rows(database, """
                        SELECT CASE WHEN state = 'active' AND wait_event_type = 'Lock' THEN 'lock wait'
                                    WHEN state = 'active' AND wait_event_type IS NULL THEN 'running (CPU)'
                                    WHEN state = 'active' THEN 'active, ' || wait_event_type
                                    WHEN state LIKE 'idle in transaction%' THEN 'idle in transaction'
                                    ELSE 'idle' END AS what, count(*) AS n
                        FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid() GROUP BY 1""", database.name())
                        .forEach(row -> sums.computeIfAbsent((String) row.get("what"), key -> new LongAdder()).add(((Number) row.get("n")).longValue()));
                samples.incrementAndGet();
                Thread.sleep(100);
            }
            catch (InterruptedException e) {
                return;
            }
            catch (RuntimeException e) {
                // a sample less
            }
        }
    }

    /** Mean sessions per sample, e.g. "lock wait 3.1, running (CPU) 1.2, idle in transaction 0.8". */
    String summary()
    {
        long count = Math.max(1, samples.get());
        return String.join(", ", sums.entrySet().stream()
                .filter(entry -> !entry.getKey().equals("idle"))
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + " " + Meters.round(entry.getValue().sum() / (double) count))
                .toList());
    }

    @Override
    public void close()
    {
        running = false;
        thread.interrupt();
    }
}
