package io.netcron.server.quartz.triggers;

import io.netcron.server.jobtable.JobRow;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.Trigger;
import org.quartz.spi.OperableTrigger;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins what a daily 02:30 job in Europe/Berlin does on the days the clocks change (2026): on the
 * spring-forward day 02:30 does not exist and there is no run that day; on the fall-back day 02:30
 * happens twice and the job runs once, at the second (winter-time, CET) 02:30.
 */
class DaylightSavingScheduleTest
{
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void springForwardSkipsTheDayWhose0230DoesNotExist()
    {
        List<ZonedDateTime> fires = fireTimes("0 30 2 * * ?", ZonedDateTime.of(2026, 3, 27, 12, 0, 0, 0, BERLIN), 3);
        assertThat(fires).containsExactly(
                ZonedDateTime.parse("2026-03-28T02:30+01:00[Europe/Berlin]"),
                ZonedDateTime.parse("2026-03-30T02:30+02:00[Europe/Berlin]"),
                ZonedDateTime.parse("2026-03-31T02:30+02:00[Europe/Berlin]"));
        assertThat(Duration.between(fires.get(0), fires.get(1))).as("no run on 2026-03-29").isEqualTo(Duration.ofHours(47));
    }

    @Test
    void fallBackRunsOnceAtTheSecond0230()
    {
        List<ZonedDateTime> fires = fireTimes("0 30 2 * * ?", ZonedDateTime.of(2026, 10, 24, 12, 0, 0, 0, BERLIN), 3);
        assertThat(fires).extracting(ZonedDateTime::toInstant).containsExactly(
                Instant.parse("2026-10-25T01:30:00Z"), // 02:30 CET, the second of the two 02:30s that day
                Instant.parse("2026-10-26T01:30:00Z"),
                Instant.parse("2026-10-27T01:30:00Z"));
        assertThat(fires).extracting(ZonedDateTime::toInstant).as("not at 02:30 CEST").doesNotContain(Instant.parse("2026-10-25T00:30:00Z"));
    }

    @Test
    void unixCronIsReadInTheJobsTimeZoneToo()
    {
        List<ZonedDateTime> fires = fireTimes("30 2 * * *", ZonedDateTime.of(2026, 10, 24, 12, 0, 0, 0, BERLIN), 2);
        assertThat(fires).extracting(ZonedDateTime::toInstant).containsExactly(Instant.parse("2026-10-25T01:30:00Z"), Instant.parse("2026-10-26T01:30:00Z"));
    }

    private static List<ZonedDateTime> fireTimes(String schedule, ZonedDateTime from, int count)
    {
        CronTrigger desired = CronTriggers.desired(row(schedule), Date.from(from.toInstant())).orElseThrow();
        assertThat(desired.getTimeZone().getID()).isEqualTo("Europe/Berlin");
        // the same trigger, as if stored before the day in question
        Trigger trigger = desired.getTriggerBuilder().startAt(Date.from(from.toInstant())).build();
        List<ZonedDateTime> fires = new ArrayList<>();
        Date after = Date.from(from.toInstant());
        for (int i = 0; i < count; i++) {
            after = ((OperableTrigger) trigger).getFireTimeAfter(after);
            fires.add(after.toInstant().atZone(BERLIN));
        }
        return fires;
    }

    private static JobRow row(String schedule)
    {
        return new JobRow("daily-0230", "test", "", "java", "sleep", Optional.of(schedule), "Europe/Berlin", true, "fire_once_now",
                Duration.ofMinutes(30), 0, Duration.ofSeconds(30), "forbid", true, false, "{}", null, null, null, null, 1);
    }
}
