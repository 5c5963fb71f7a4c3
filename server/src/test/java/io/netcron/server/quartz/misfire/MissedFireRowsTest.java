package io.netcron.server.quartz.misfire;

import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class MissedFireRowsTest
{
    /**
     * The shape of a PostgresOutageClusterTest run that left one fire time without a run: PostgreSQL
     * stopped at 18:34:42.1 for 90 s, the triggers released and misfired at the next misfire pass,
     * 18:36:23.2: 101 per-second fire times, one more than quartz.catch-up-max's default.
     */
    @Test
    void theOldestTimeBeyondTheCapIsRecordedAsDroppedNotLost()
            throws ParseException
    {
        Instant first = Instant.parse("2026-11-30T18:34:43Z");
        List<MissedFire> missed = MissedFireTimes.missedBetween("outage-catch-up", everySecond(), first, Instant.parse("2026-11-30T18:36:23.181Z"), 100);

        assertThat(missed).hasSize(101);
        assertThat(missed.getFirst().scheduledAt()).isEqualTo(first);
        assertThat(missed.getFirst().droppedOutcome()).startsWith("dropped: missed times before 2026-11-30T18:34:44Z are beyond quartz.catch-up-max (100)");
        assertThat(missed.subList(1, missed.size())).allSatisfy(fire -> assertThat(fire.droppedOutcome()).isNull());
        assertThat(missed.get(1).scheduledAt()).isEqualTo(Instant.parse("2026-11-30T18:34:44Z"));
        assertThat(missed.getLast().scheduledAt()).isEqualTo(Instant.parse("2026-11-30T18:36:23Z"));
    }

    @Test
    void everyTimeRecordedToBeHandledWithinTheCap()
            throws ParseException
    {
        List<MissedFire> missed = MissedFireTimes.missedBetween("outage-catch-up", everySecond(),
                Instant.parse("2026-11-30T18:34:43Z"), Instant.parse("2026-11-30T18:36:23.181Z"), 1000);

        assertThat(missed).hasSize(101).allSatisfy(fire -> assertThat(fire.droppedOutcome()).isNull());
        assertThat(missed.getFirst().scheduledAt()).isEqualTo(Instant.parse("2026-11-30T18:34:43Z"));
    }

    private static UnaryOperator<Instant> everySecond()
            throws ParseException
    {
        CronExpression expression = new CronExpression("* * * * * ?");
        expression.setTimeZone(TimeZone.getTimeZone("UTC"));
        return time -> {
            Date next = expression.getTimeAfter(Date.from(time));
            return next == null ? null : next.toInstant();
        };
    }
}
