package io.netcron.server.schedule;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchedulesTest
{
    @Test
    void classicFiveFieldCronBecomesQuartzCronAtSecondZero()
    {
        assertThat(Schedules.toQuartz("0 2 * * *")).isEqualTo("0 0 2 * * ?");
        assertThat(Schedules.toQuartz("*/15 * * * *")).isEqualTo("0 */15 * * * ?");
        assertThat(Schedules.toQuartz("30 4 1 * *")).isEqualTo("0 30 4 1 * ?");
    }

    @Test
    void unixWeekdaysAreShiftedToQuartzNumbering()
    {
        assertThat(Schedules.toQuartz("0 6 * * 1-5")).isEqualTo("0 0 6 ? * 2-6");
        assertThat(Schedules.toQuartz("0 6 * * 0")).isEqualTo("0 0 6 ? * 1");
        assertThat(Schedules.toQuartz("0 6 * * 7")).isEqualTo("0 0 6 ? * 1");
        assertThat(Schedules.toQuartz("0 6 * * MON,FRI")).isEqualTo("0 0 6 ? * MON,FRI");
        assertThat(Schedules.toQuartz("0 6 * * */2")).isEqualTo("0 0 6 ? * */2");
    }

    @Test
    void quartzCronWithSecondsPassesThrough()
    {
        assertThat(Schedules.toQuartz("* * * * * ?")).isEqualTo("* * * * * ?");
        assertThat(Schedules.toQuartz("0 0/5 8-18 ? * MON-FRI")).isEqualTo("0 0/5 8-18 ? * MON-FRI");
    }

    @Test
    void aliasesAreUnderstood()
    {
        assertThat(Schedules.toQuartz("@daily")).isEqualTo("0 0 0 * * ?");
        assertThat(Schedules.toQuartz("@hourly")).isEqualTo("0 0 * * * ?");
    }

    @Test
    void badCronGivesAOneLineReason()
    {
        assertThatThrownBy(() -> Schedules.toQuartz("61 * * * *"))
                .isInstanceOf(InvalidScheduleException.class)
                .hasMessageContaining("'61 * * * *' is not a valid cron expression");
        assertThatThrownBy(() -> Schedules.toQuartz("every day"))
                .isInstanceOf(InvalidScheduleException.class)
                .hasMessageContaining("has 2 fields");
        assertThatThrownBy(() -> Schedules.toQuartz("0 2 1 * 1"))
                .isInstanceOf(InvalidScheduleException.class)
                .hasMessageContaining("both day of month and day of week");
        assertThatThrownBy(() -> Schedules.toQuartz("0 2 * * 8"))
                .hasMessageContaining("out of range");
        assertThat(Schedules.validate("0 2 * * *")).isEmpty();
    }
}
