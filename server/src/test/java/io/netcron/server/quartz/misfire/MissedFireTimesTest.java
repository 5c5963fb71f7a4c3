package io.netcron.server.quartz.misfire;

import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class MissedFireTimesTest
{
    private static final Instant NOW = Instant.parse("2026-05-04T10:00:00.400Z");

    @Test
    void everyMissedTimeFromTheFirstUpToNowInOrder()
            throws ParseException
    {
        MissedFireTimes missed = MissedFireTimes.between(schedule("*/2 * * * * ?"), Instant.parse("2026-05-04T09:59:50Z"), NOW, 100);
        assertThat(missed.truncated()).isFalse();
        assertThat(missed.times()).hasSize(6).isSorted();
        assertThat(missed.oldest()).isEqualTo(Instant.parse("2026-05-04T09:59:50Z"));
        assertThat(missed.newest()).isEqualTo(Instant.parse("2026-05-04T10:00:00Z"));
    }

    @Test
    void keepsTheNewestUpToTheCapWhenMoreWereMissed()
            throws ParseException
    {
        MissedFireTimes missed = MissedFireTimes.between(schedule("* * * * * ?"), Instant.parse("2026-05-04T09:00:00Z"), NOW, 100);
        assertThat(missed.truncated()).isTrue();
        assertThat(missed.times()).hasSize(100).isSorted();
        assertThat(missed.newest()).isEqualTo(Instant.parse("2026-05-04T10:00:00Z"));
        assertThat(missed.oldest()).isEqualTo(Instant.parse("2026-05-04T09:58:21Z"));
    }

    @Test
    void aYearLongOutageOfAPerSecondJobIsCheap()
            throws ParseException
    {
        long began = System.nanoTime();
        MissedFireTimes missed = MissedFireTimes.between(schedule("* * * * * ?"), NOW.minus(Duration.ofDays(365)), NOW, 100);
        assertThat(missed.times()).hasSize(100);
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void nothingMissedWhenTheFirstTimeIsStillAhead()
            throws ParseException
    {
        assertThat(MissedFireTimes.between(schedule("* * * * * ?"), NOW.plusSeconds(5), NOW, 100).isEmpty()).isTrue();
    }

    private static UnaryOperator<Instant> schedule(String cron)
            throws ParseException
    {
        CronExpression expression = new CronExpression(cron);
        expression.setTimeZone(TimeZone.getTimeZone("UTC"));
        return time -> {
            Date next = expression.getTimeAfter(Date.from(time));
            return next == null ? null : next.toInstant();
        };
    }
}
