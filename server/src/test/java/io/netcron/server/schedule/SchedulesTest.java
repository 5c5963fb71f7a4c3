package io.netcron.server.schedule;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchedulesTest
{
    @Test
    void classicFiveFieldCronBecomesQuartzCronAtSecondZero()
    {
        assertThat(Schedules.toQuartz("0 2 * * *")).isEqualTo(QuartzCron.of("0 0 2 * * ?"));
        assertThat(Schedules.toQuartz("*/15 * * * *")).isEqualTo(QuartzCron.of("0 */15 * * * ?"));
        assertThat(Schedules.toQuartz("30 4 1 * *")).isEqualTo(QuartzCron.of("0 30 4 1 * ?"));
    }

    @Test
    void unixWeekdaysAreShiftedToQuartzNumbering()
    {
        assertThat(Schedules.toQuartz("0 6 * * 1-5")).isEqualTo(QuartzCron.of("0 0 6 ? * 2-6"));
        assertThat(Schedules.toQuartz("0 6 * * 0")).isEqualTo(QuartzCron.of("0 0 6 ? * 1"));
        assertThat(Schedules.toQuartz("0 6 * * 7")).isEqualTo(QuartzCron.of("0 0 6 ? * 1"));
        assertThat(Schedules.toQuartz("0 6 * * MON,FRI")).isEqualTo(QuartzCron.of("0 0 6 ? * MON,FRI"));
        assertThat(Schedules.toQuartz("0 6 * * */2")).isEqualTo(QuartzCron.of("0 0 6 ? * */2"));
    }

    @Test
    void quartzCronWithSecondsPassesThrough()
    {
        assertThat(Schedules.toQuartz("* * * * * ?")).isEqualTo(QuartzCron.of("* * * * * ?"));
        assertThat(Schedules.toQuartz("0 0/5 8-18 ? * MON-FRI")).isEqualTo(QuartzCron.of("0 0/5 8-18 ? * MON-FRI"));
    }

    @Test
    void aliasesAreUnderstood()
    {
        assertThat(Schedules.toQuartz("@daily")).isEqualTo(QuartzCron.of("0 0 0 * * ?"));
        assertThat(Schedules.toQuartz("@hourly")).isEqualTo(QuartzCron.of("0 0 * * * ?"));
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
        assertThatThrownBy(() -> Schedules.toQuartz("0 2 * * 8"))
                .hasMessageContaining("out of range");
        assertThat(Schedules.validate("0 2 * * *")).isEmpty();
    }

    @Test
    void fiveFieldCronRestrictingBothDaysBecomesTheUnionOfTwoQuartzExpressions()
    {
        assertThat(Schedules.toQuartz("0 0 13 * 5")).isEqualTo(QuartzCron.either("0 0 0 13 * ?", "0 0 0 ? * 6"));
        assertThat(Schedules.toQuartz("0 3 1-7 * 0")).isEqualTo(QuartzCron.either("0 0 3 1-7 * ?", "0 0 3 ? * 1"));
        assertThat(Schedules.toQuartz("*/15 * 1 * 1")).isEqualTo(QuartzCron.either("0 */15 * 1 * ?", "0 */15 * ? * 2"));
        // croniter's rule: a step restricts even when it starts with '*' (Vixie cron would AND here)
        assertThat(Schedules.toQuartz("0 12 */10 * 1-5")).isEqualTo(QuartzCron.either("0 0 12 */10 * ?", "0 0 12 ? * 2-6"));
        assertThat(Schedules.toQuartz("0 0 13 * 5").isUnion()).isTrue();
    }

    @Test
    void aFieldCoveringEveryDayDoesNotRestrictAsInCroniter()
    {
        assertThat(Schedules.toQuartz("0 0 1-31 * 1")).isEqualTo(QuartzCron.of("0 0 0 ? * 2"));
        assertThat(Schedules.toQuartz("0 0 */1 * MON")).isEqualTo(QuartzCron.of("0 0 0 ? * MON"));
        assertThat(Schedules.toQuartz("0 0 13 * 0-6")).isEqualTo(QuartzCron.of("0 0 0 13 * ?"));
        assertThat(Schedules.toQuartz("0 0 13 * 1-7")).isEqualTo(QuartzCron.of("0 0 0 13 * ?"));
        assertThat(Schedules.toQuartz("0 0 13 * SUN-SAT")).isEqualTo(QuartzCron.of("0 0 0 13 * ?"));
    }

    @Test
    void nthAndLastWeekdaysKeepTheirCount()
    {
        assertThat(Schedules.toQuartz("0 0 * * 5#3")).isEqualTo(QuartzCron.of("0 0 0 ? * 6#3"));
        assertThat(Schedules.toQuartz("0 0 * * 5L")).isEqualTo(QuartzCron.of("0 0 0 ? * 6L"));
        assertThat(Schedules.toQuartz("0 0 * * L5")).as("croniter's last Friday").isEqualTo(QuartzCron.of("0 0 0 ? * 6L"));
    }

    @Test
    void quartzCronKeepsQuartzsRuleThatOneDayFieldIsAQuestionMark()
    {
        assertThatThrownBy(() -> Schedules.toQuartz("0 0 2 1 * MON"))
                .isInstanceOf(InvalidScheduleException.class)
                .hasMessageStartingWith("'0 0 2 1 * MON' is not a valid cron expression: ")
                .hasMessageContaining("day-of-week AND a day-of-month");
    }
}
