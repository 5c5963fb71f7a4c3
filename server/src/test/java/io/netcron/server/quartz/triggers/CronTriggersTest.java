package io.netcron.server.quartz.triggers;

import io.netcron.server.quartz.store.QuartzKeys;
import io.netcron.server.schedule.InvalidScheduleException;

import io.netcron.server.jobtable.JobRow;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.triggers.CronTriggerImpl;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CronTriggersTest
{
    @Test
    void aNewScheduleStartsAtTheFirstWholeSecondAfterTheChange()
    {
        Instant second = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        assertThat(CronTriggers.startAt(second.plusMillis(300), List.of())).isEqualTo(Date.from(second.plusSeconds(1)));
        assertThat(CronTriggers.startAt(second, List.of())).isEqualTo(Date.from(second));
    }

    @Test
    void aReplacingTriggerNeverStartsAtOrBeforeTheOldTriggersLastFireTime()
            throws ParseException
    {
        Instant second = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        CronTriggerImpl old = new CronTriggerImpl();
        old.setCronExpression("* * * * * ?");
        old.setPreviousFireTime(Date.from(second.plusSeconds(1)));
        assertThat(CronTriggers.startAt(second.plusMillis(300), List.of(old))).isEqualTo(Date.from(second.plusSeconds(2)));
    }

    @Test
    void aChangeOlderThanTheLookbackCountsFromNow()
    {
        Instant start = CronTriggers.startAt(Instant.now().minus(Duration.ofHours(1)), List.of()).toInstant();
        assertThat(start).isBetween(Instant.now().minus(CronTriggers.MAX_LOOKBACK).minusSeconds(1), Instant.now());
    }

    @Test
    void theTriggerKeyCarriesTheVersionSoAChangeNeverReplacesATriggerInPlace()
    {
        CronTrigger trigger = CronTriggers.desired(row("* * * * * ?", "UTC", 7), new Date()).orElseThrow();
        assertThat(trigger.getKey()).isEqualTo(QuartzKeys.triggerKey("job", 7));
        assertThat(trigger.getKey().getName()).isEqualTo("job#7");
        assertThat(trigger.getKey().getGroup()).isEqualTo(QuartzKeys.GROUP);
        assertThat(CronTriggers.desired(row(null, "UTC", 7), new Date())).isEmpty();
    }

    @Test
    void longJobNamesStillFitQuartzsNameColumns()
    {
        String longName = "x".repeat(200);
        assertThat(QuartzKeys.triggerKey(longName, Long.MAX_VALUE).getName()).hasSizeLessThanOrEqualTo(200);
        assertThat(QuartzKeys.triggerKey(longName, 1)).isNotEqualTo(QuartzKeys.triggerKey("x".repeat(199) + "y", 1));
    }

    @Test
    void badTimeZonesAndSchedulesThatNeverFireAreInvalid()
    {
        assertThatThrownBy(() -> CronTriggers.desired(row("0 0 2 * * ?", "Mars/Olympus_Mons", 1), new Date()))
                .isInstanceOf(InvalidScheduleException.class)
                .hasMessage("unknown time zone 'Mars/Olympus_Mons' (use an IANA name such as Europe/Berlin)");
        assertThatThrownBy(() -> CronTriggers.desired(row("0 0 2 1 1 ? 2001", "UTC", 1), new Date()))
                .isInstanceOf(InvalidScheduleException.class)
                .hasMessage("'0 0 2 1 1 ? 2001' never fires from now on");
    }

    @Test
    void sameScheduleComparesExpressionZoneAndMisfirePolicy()
    {
        CronTrigger desired = CronTriggers.desired(row("0 0 2 * * ?", "Europe/Berlin", 2), new Date()).orElseThrow();
        Trigger sameButOlder = CronTriggers.desired(row("0 0 2 * * ?", "Europe/Berlin", 1), new Date()).orElseThrow();
        Trigger otherZone = CronTriggers.desired(row("0 0 2 * * ?", "UTC", 1), new Date()).orElseThrow();
        assertThat(CronTriggers.sameSchedule(sameButOlder, desired)).isTrue();
        assertThat(CronTriggers.sameSchedule(otherZone, desired)).isFalse();
        assertThat(CronTriggers.sameSchedule(TriggerBuilder.newTrigger().withIdentity("simple").build(), desired)).isFalse();
    }

    private static JobRow row(String schedule, String timeZone, long version)
    {
        return new JobRow("job", "general", "", "java", "sleep", Optional.ofNullable(schedule), timeZone, true, "fire_once_now",
                Duration.ofMinutes(30), 0, Duration.ofSeconds(30), "forbid", true, false, "{}", null, null, null, null, version);
    }
}
