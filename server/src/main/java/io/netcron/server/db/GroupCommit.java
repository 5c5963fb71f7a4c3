package io.netcron.server.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * One statement, one commit, for the same small write made by many threads at once (group commit).
 * The firings that Quartz starts in one batch record their starts, and later their ends, within
 * milliseconds of each other: each firing's own commit was most of the database's work per firing
 * (docs/benchmarks.md). A caller queues its item; the caller that gets the monitor writes every item
 * queued so far in one statement, those queued behind it find theirs written. A caller waits for at
 * most one other statement. Nothing is held back for a batch to fill: a lone caller writes alone.
 * <p>
 * The statement returns the result of each item it wrote. An item it left out (a conflict the
 * single-row statement reports precisely), or every item of a statement that failed, comes back
 * empty: its caller then writes it alone, with the single-row statement's errors and retries.
 */
public final class GroupCommit<T, R>
{
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private final String what;
    private final Function<List<T>, Map<T, R>> statement;
    private final ConcurrentLinkedQueue<Entry<T, R>> queued = new ConcurrentLinkedQueue<>();
    private final Object writing = new Object();

    /**
     * {@code statement} writes the items in one transaction and returns the result of each one it
     * wrote, keyed by the item (so items must have value equality and be distinct within a batch).
     */
    public GroupCommit(String what, Function<List<T>, Map<T, R>> statement)
    {
        this.what = requireNonNull(what, "what is null");
        this.statement = requireNonNull(statement, "statement is null");
    }

    /** The item's result, or empty when the shared statement did not write it: then the caller writes it alone. */
    public Optional<R> submit(T item)
    {
        Entry<T, R> entry = new Entry<>(requireNonNull(item, "item is null"));
        queued.add(entry);
        synchronized (writing) {
            if (!entry.settled) {
                writeQueued();
            }
            return Optional.ofNullable(entry.result);
        }
    }

    private void writeQueued()
    {
        List<Entry<T, R>> batch = new ArrayList<>();
        Entry<T, R> next;
        while ((next = queued.poll()) != null) {
            batch.add(next);
        }
        Map<T, R> results;
        try {
            results = statement.apply(batch.stream().map(entry -> entry.item).toList());
        }
        catch (RuntimeException e) {
            // each caller tries its own item alone, with its own error handling
            log.debug("{} for {} item(s) together failed; each is written alone: {}", what, batch.size(), e.getMessage());
            results = Map.of();
        }
        for (Entry<T, R> entry : batch) {
            entry.result = results.get(entry.item);
            entry.settled = true;
        }
    }

    /** Read and written under {@link #writing} only. */
    private static final class Entry<T, R>
    {
        final T item;
        boolean settled;
        R result;

        Entry(T item)
        {
            this.item = item;
        }
    }
}
