package io.netcron.reach;

import io.netcron.job.Deadline;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest
{
    @Test
    void spacesPermitsEvenlyAtTheRate()
            throws InterruptedException
    {
        FakeTicker ticker = new FakeTicker();
        RateLimiter limiter = new RateLimiter(4, ticker);

        for (int i = 0; i < 9; i++) {
            assertThat(limiter.acquire(Deadline.none())).isTrue();
        }

        assertThat(ticker.elapsedMillis()).isEqualTo(8 * 250);
    }

    @Test
    void doesNotWaitPastTheDeadline()
            throws InterruptedException
    {
        RateLimiter limiter = new RateLimiter(0.1, new FakeTicker());
        Deadline deadline = Deadline.after(Duration.ofSeconds(2));

        assertThat(limiter.acquire(deadline)).isTrue();
        assertThat(limiter.acquire(deadline)).isFalse();
    }
}
