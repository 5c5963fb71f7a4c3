package io.netcron.server.quartz.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SharedThreadPoolTest
{
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseJobs()
    {
        release.countDown();
    }

    @Test
    void twoPartitionsTogetherNeverRunMoreJobsThanTheNodesThreads()
            throws Exception
    {
        String workers = SharedThreadPool.register("test-" + UUID.randomUUID(), 2);
        SharedThreadPool first = pool(workers);
        SharedThreadPool second = pool(workers);
        AtomicInteger running = new AtomicInteger();
        CountDownLatch twoStarted = new CountDownLatch(2);

        assertThat(first.runInThread(blocking(running, twoStarted))).isTrue();
        assertThat(second.runInThread(blocking(running, twoStarted))).isTrue();
        assertThat(twoStarted.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(first.getPoolSize()).isEqualTo(2);

        // both workers busy: a third firing, from either partition, waits for one of them
        AtomicBoolean thirdHandedOver = new AtomicBoolean();
        Thread third = Thread.ofPlatform().start(() -> thirdHandedOver.set(second.runInThread(() -> running.incrementAndGet())));
        third.join(300);
        assertThat(third.isAlive()).as("the third firing waits for a free worker").isTrue();
        assertThat(running.get()).isEqualTo(2);

        release.countDown();
        third.join(5_000);
        assertThat(thirdHandedOver.get()).isTrue();
        assertThat(first.blockForAvailableThreads()).isBetween(1, 2);
        first.shutdown(true);
        second.shutdown(true);
        assertThat(second.runInThread(() -> {})).as("a pool that is shut down takes no more firings").isFalse();
    }

    @Test
    void aPoolWithoutRegisteredWorkersIsAConfigurationError()
    {
        SharedThreadPool pool = new SharedThreadPool();
        pool.setWorkers("never-registered");

        assertThatThrownBy(pool::initialize).hasMessageContaining("no worker threads registered as 'never-registered'");
    }

    private Runnable blocking(AtomicInteger running, CountDownLatch started)
    {
        return () -> {
            running.incrementAndGet();
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    private static SharedThreadPool pool(String workers)
            throws Exception
    {
        SharedThreadPool pool = new SharedThreadPool();
        pool.setWorkers(workers);
        pool.initialize();
        return pool;
    }
}
