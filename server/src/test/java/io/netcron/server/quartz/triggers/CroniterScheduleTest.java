package io.netcron.server.quartz.triggers;

import io.netcron.server.jobtable.JobRow;
import io.netcron.server.quartz.store.UnionCronTrigger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.spi.OperableTrigger;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * 5-field cron fires at the times croniter (the old Python framework's scheduler) gives, through
 * the trigger netcron hands Quartz. The expected times are written out; they are what croniter
 * 1.3.5's {@code get_next} returns from the same start in the same zone (cross-checked by hand
 * with Debian's python3-croniter, not run here). Times that do not exist or happen twice on a
 * daylight-saving change are left out of the table: croniter 1.3.5 fires a nonexistent 02:30 and
 * then 03:30, netcron keeps Quartz's rule (see {@link DaylightSavingScheduleTest}).
 */
class CroniterScheduleTest
{
    static Stream<Arguments> croniterTable()
    {
        return Stream.of(
                // both day fields restricted: Fridays OR the 13th, a Friday the 13th once
                arguments("0 0 13 * 5", "UTC", "2026-11-01T00:00", List.of(
                        "2026-11-06T00:00:00Z", "2026-11-13T00:00:00Z", "2026-11-20T00:00:00Z", "2026-11-27T00:00:00Z",
                        "2026-12-04T00:00:00Z", "2026-12-11T00:00:00Z", "2026-12-13T00:00:00Z", "2026-12-18T00:00:00Z",
                        "2026-12-25T00:00:00Z")),
                // days 1-7 OR Sundays at 03:00 Berlin time, across the spring-forward on Sunday 29 March
                arguments("0 3 1-7 * 0", "Europe/Berlin", "2026-03-01T00:00", List.of(
                        "2026-03-01T02:00:00Z", "2026-03-02T02:00:00Z", "2026-03-03T02:00:00Z", "2026-03-04T02:00:00Z",
                        "2026-03-05T02:00:00Z", "2026-03-06T02:00:00Z", "2026-03-07T02:00:00Z", "2026-03-08T02:00:00Z",
                        "2026-03-15T02:00:00Z", "2026-03-22T02:00:00Z", "2026-03-29T01:00:00Z", "2026-04-01T01:00:00Z",
                        "2026-04-02T01:00:00Z")),
                // every 15 minutes on the 1st (a Wednesday) OR on Mondays
                arguments("*/15 * 1 * 1", "UTC", "2026-07-01T23:20", List.of(
                        "2026-07-01T23:30:00Z", "2026-07-01T23:45:00Z", "2026-07-06T00:00:00Z", "2026-07-06T00:15:00Z")),
                // a step in the day of month restricts (croniter does not follow Vixie cron's '*' quirk)
                arguments("0 12 */10 * 1-5", "UTC", "2026-11-01T00:00", List.of(
                        "2026-11-01T12:00:00Z", "2026-11-02T12:00:00Z", "2026-11-03T12:00:00Z", "2026-11-04T12:00:00Z",
                        "2026-11-05T12:00:00Z", "2026-11-06T12:00:00Z")),
                // New York: Fridays OR the 13th, before and after the clocks change on 8 March
                arguments("0 0 13 * 5", "America/New_York", "2026-03-01T00:00", List.of(
                        "2026-03-06T05:00:00Z", "2026-03-13T04:00:00Z", "2026-03-20T04:00:00Z", "2026-03-27T04:00:00Z",
                        "2026-04-03T04:00:00Z")),
                // one day field restricted: unchanged meaning
                arguments("0 0 * * 5", "UTC", "2026-11-01T00:00", List.of(
                        "2026-11-06T00:00:00Z", "2026-11-13T00:00:00Z", "2026-11-20T00:00:00Z")),
                arguments("0 0 13 * *", "UTC", "2026-11-01T00:00", List.of(
                        "2026-11-13T00:00:00Z", "2026-12-13T00:00:00Z", "2027-01-13T00:00:00Z")),
                // a field listing every day counts as '*'
                arguments("0 0 1-31 * 1", "UTC", "2026-11-01T00:00", List.of(
                        "2026-11-02T00:00:00Z", "2026-11-09T00:00:00Z", "2026-11-16T00:00:00Z")),
                arguments("0 0 13 * 0-6", "UTC", "2026-11-01T00:00", List.of(
                        "2026-11-13T00:00:00Z", "2026-12-13T00:00:00Z", "2027-01-13T00:00:00Z")),
                // the third Friday; the last day of the month OR Fridays
                arguments("0 0 * * 5#3", "UTC", "2026-11-01T00:00", List.of(
                        "2026-11-20T00:00:00Z", "2026-12-18T00:00:00Z")),
                arguments("0 0 L * 5", "UTC", "2026-11-20T00:00", List.of(
                        "2026-11-27T00:00:00Z", "2026-11-30T00:00:00Z", "2026-12-04T00:00:00Z", "2026-12-11T00:00:00Z")));
    }

    @ParameterizedTest(name = "{0} in {1} from {2}")
    @MethodSource("croniterTable")
    void firesAtTheTimesCroniterGives(String schedule, String zone, String from, List<String> expected)
    {
        Instant start = LocalDateTime.parse(from).atZone(ZoneId.of(zone)).toInstant();
        assertThat(fireTimes(schedule, zone, start, expected.size())).containsExactlyElementsOf(expected.stream().map(Instant::parse).toList());
    }

    @Test
    void aFridayThe13thIsOneFireTime()
    {
        CronTrigger trigger = trigger("0 0 13 * 5", "UTC", Instant.parse("2026-11-12T00:00:00Z"));
        assertThat(trigger).isInstanceOf(UnionCronTrigger.class);
        assertThat(fireTimes("0 0 13 * 5", "UTC", Instant.parse("2026-11-12T00:00:00Z"), 2))
                .containsExactly(Instant.parse("2026-11-13T00:00:00Z"), Instant.parse("2026-11-20T00:00:00Z"));
        // as Quartz moves a trigger after it fires: the next time after the 13th is the next Friday
        OperableTrigger operable = (OperableTrigger) trigger;
        operable.computeFirstFireTime(null);
        assertThat(operable.getNextFireTime()).isEqualTo(Date.from(Instant.parse("2026-11-13T00:00:00Z")));
        operable.triggered(null);
        assertThat(operable.getPreviousFireTime()).isEqualTo(Date.from(Instant.parse("2026-11-13T00:00:00Z")));
        assertThat(operable.getNextFireTime()).isEqualTo(Date.from(Instant.parse("2026-11-20T00:00:00Z")));
    }

    @Test
    void aScheduleWithOneDayFieldStaysAPlainQuartzCronTrigger()
    {
        assertThat(trigger("0 0 * * 5", "UTC", Instant.parse("2026-11-12T00:00:00Z"))).isNotInstanceOf(UnionCronTrigger.class);
        assertThat(trigger("0 0 13 * *", "UTC", Instant.parse("2026-11-12T00:00:00Z")).getCronExpression()).isEqualTo("0 0 0 13 * ?");
    }

    @Test
    void theTwoHalvesKeepTheJobsTimeZoneAndTheSameScheduleIsRecognised()
    {
        CronTrigger berlin = trigger("0 3 1-7 * 0", "Europe/Berlin", Instant.parse("2026-03-01T00:00:00Z"));
        CronTrigger again = trigger("0 3 1-7 * 0", "Europe/Berlin", Instant.parse("2026-03-02T00:00:00Z"));
        CronTrigger utc = trigger("0 3 1-7 * 0", "UTC", Instant.parse("2026-03-01T00:00:00Z"));
        CronTrigger domOnly = trigger("0 3 1-7 * *", "Europe/Berlin", Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(berlin.getTimeZone().getID()).isEqualTo("Europe/Berlin");
        assertThat(CronTriggers.sameSchedule(again, berlin)).isTrue();
        assertThat(CronTriggers.sameSchedule(utc, berlin)).isFalse();
        assertThat(CronTriggers.sameSchedule(domOnly, berlin)).as("the day-of-month half alone is another schedule").isFalse();
        assertThat(CronTriggers.sameSchedule(berlin, domOnly)).isFalse();
        // a copy (as StuckTriggerRepair stores again) keeps both halves and the zone
        CronTrigger copy = (CronTrigger) berlin.getTriggerBuilder().build();
        assertThat(copy).isInstanceOf(UnionCronTrigger.class);
        assertThat(CronTriggers.sameSchedule(copy, berlin)).isTrue();
        assertThat(copy.getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING);
    }

    private static List<Instant> fireTimes(String schedule, String zone, Instant start, int count)
    {
        OperableTrigger trigger = (OperableTrigger) trigger(schedule, zone, start);
        List<Instant> fires = new ArrayList<>();
        Date after = Date.from(start);
        for (int i = 0; i < count; i++) {
            after = trigger.getFireTimeAfter(after);
            fires.add(after.toInstant());
        }
        return fires;
    }

    private static CronTrigger trigger(String schedule, String zone, Instant start)
    {
        JobRow row = new JobRow("croniter", "test", "", "script", "x.py", Optional.of(schedule), zone, true, "fire_once_now",
                Duration.ofMinutes(30), 0, Duration.ofSeconds(30), "forbid", true, false, "{}", null, null, null, null, 1);
        return CronTriggers.desired(row, Date.from(start)).orElseThrow();
    }
}
