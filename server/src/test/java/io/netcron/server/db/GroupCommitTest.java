package io.netcron.server.db;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Threads that write at the same moment share one statement; what the statement does not write, each caller writes alone. */
class GroupCommitTest
{
    @Test
    void itemsQueuedWhileAStatementRunsAreWrittenTogetherByTheNextOne()
            throws Exception
    {
        List<List<Integer>> statements = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<Integer, String> commit = new GroupCommit<>("test rows", batch -> {
            statements.add(List.copyOf(batch));
            if (batch.contains(0)) {
                firstRunning.countDown();
                await(release);
            }
            return rows(batch);
        });
        Map<Integer, Optional<String>> results = new ConcurrentHashMap<>();

        Thread first = submitter(commit, 0, results);
        assertThat(firstRunning.await(10, TimeUnit.SECONDS)).isTrue();
        List<Thread> queued = new ArrayList<>();
        for (int item = 1; item <= 5; item++) {
            queued.add(submitter(commit, item, results));
        }
        waitUntilBlocked(queued);
        release.countDown();
        join(first);
        queued.forEach(GroupCommitTest::join);

        assertThat(statements).hasSize(2);
        assertThat(statements.get(0)).containsExactly(0);
        assertThat(statements.get(1)).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        assertThat(results).hasSize(6).allSatisfy((item, result) -> assertThat(result).contains("row " + item));
    }

    @Test
    void aLoneItemIsWrittenAtOnce()
    {
        GroupCommit<Integer, String> commit = new GroupCommit<>("test rows", GroupCommitTest::rows);

        assertThat(commit.submit(7)).contains("row 7");
    }

    @Test
    void anItemTheStatementLeftOutIsLeftToItsCaller()
    {
        GroupCommit<Integer, String> commit = new GroupCommit<>("test rows", batch -> Map.of());

        assertThat(commit.submit(7)).isEmpty();
    }

    @Test
    void aFailedStatementLeavesEveryItemToItsCallerAndTheNextStatementRunsAsUsual()
    {
        Function<List<Integer>, Map<Integer, String>> failingOnce = new Function<>()
        {
            private boolean failed;

            @Override
            public Map<Integer, String> apply(List<Integer> batch)
            {
                if (!failed) {
                    failed = true;
                    throw new DatabaseException(new java.sql.SQLException("connection reset", "08006"));
                }
                return rows(batch);
            }
        };
        GroupCommit<Integer, String> commit = new GroupCommit<>("test rows", failingOnce);

        assertThat(commit.submit(1)).isEmpty();
        assertThat(commit.submit(2)).contains("row 2");
    }

    private static Map<Integer, String> rows(List<Integer> batch)
    {
        return batch.stream().collect(Collectors.toMap(item -> item, item -> "row " + item));
    }

    private static Thread submitter(GroupCommit<Integer, String> commit, int item, Map<Integer, Optional<String>> results)
    {
        Thread thread = new Thread(() -> results.put(item, commit.submit(item)), "submitter-" + item);
        thread.start();
        return thread;
    }

    /** Each thread has queued its item and waits for the statement under way (no sleep-and-hope). */
    private static void waitUntilBlocked(List<Thread> threads)
            throws InterruptedException
    {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!threads.stream().allMatch(thread -> thread.getState() == Thread.State.BLOCKED)) {
            assertThat(System.nanoTime()).as("threads blocked on the statement under way").isLessThan(deadline);
            Thread.onSpinWait();
            Thread.sleep(1);
        }
    }

    private static void await(CountDownLatch latch)
    {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void join(Thread thread)
    {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertThat(thread.isAlive()).isFalse();
    }
}
