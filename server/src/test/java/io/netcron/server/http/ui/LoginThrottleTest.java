package io.netcron.server.http.ui;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest
{
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-30T12:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(new Clock()
    {
        @Override
        public ZoneOffset getZone()
        {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone)
        {
            return this;
        }

        @Override
        public Instant instant()
        {
            return now.get();
        }
    });

    @Test
    void aUserNameIsRefusedAfterFiveFailuresUntilTheOldestLeavesTheWindow()
    {
        for (int i = 0; i < LoginThrottle.FAILURES; i++) {
            assertThat(throttle.allowed("alice")).isTrue();
            throttle.failed("Alice");
            now.set(now.get().plusSeconds(10));
        }
        assertThat(throttle.allowed("alice")).isFalse();
        assertThat(throttle.allowed("bob")).isTrue();
        now.set(now.get().plus(LoginThrottle.WINDOW).minus(Duration.ofSeconds(50)));
        assertThat(throttle.allowed("alice")).isTrue();
    }

    @Test
    void aSuccessfulLoginClearsTheFailures()
    {
        for (int i = 0; i < LoginThrottle.FAILURES - 1; i++) {
            throttle.failed("alice");
        }
        throttle.succeeded("alice");
        throttle.failed("alice");
        assertThat(throttle.allowed("alice")).isTrue();
    }
}
