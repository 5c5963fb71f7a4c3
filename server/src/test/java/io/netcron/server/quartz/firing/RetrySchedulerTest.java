package io.netcron.server.quartz.firing;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RetrySchedulerTest
{
    @Test
    void backoffDoublesPerAttemptUpToTheCap()
    {
        Duration backoff = Duration.ofSeconds(30);
        Duration cap = Duration.ofMinutes(5);
        assertThat(RetryScheduler.delay(backoff, 1, cap)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryScheduler.delay(backoff, 2, cap)).isEqualTo(Duration.ofSeconds(60));
        assertThat(RetryScheduler.delay(backoff, 3, cap)).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetryScheduler.delay(backoff, 4, cap)).isEqualTo(Duration.ofSeconds(240));
        assertThat(RetryScheduler.delay(backoff, 5, cap)).isEqualTo(cap);
        assertThat(RetryScheduler.delay(backoff, 1_000, cap)).isEqualTo(cap);
    }

    @Test
    void zeroBackoffRetriesAtOnce()
    {
        assertThat(RetryScheduler.delay(Duration.ZERO, 3, Duration.ofHours(1))).isZero();
    }
}
