package io.netcron.server.http.ui;

import io.netcron.server.schedule.InvalidScheduleException;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduleWordsTest
{
    @Test
    void commonSchedulesReadAsWordsAndTheRestStaysCron()
    {
        assertThat(ScheduleWords.describe("0 * * * * ?")).contains("every minute");
        assertThat(ScheduleWords.describe("*/15 * * * *")).contains("every 15 minutes");
        assertThat(ScheduleWords.describe("0 2 * * *")).contains("daily at 02:00");
        assertThat(ScheduleWords.describe("@hourly")).contains("every hour at minute 0");
        assertThat(ScheduleWords.describe("0 30 7 ? * MON-FRI")).contains("Mon-Fri at 07:30");
        assertThat(ScheduleWords.describe("0 0 6 1 * ?")).contains("monthly on day 1 at 06:00");
        assertThat(ScheduleWords.describe("0 15 */4 * * ?")).contains("every 4 hours at minute 15");
        assertThat(ScheduleWords.describe("0 0 9-17 * * ?")).isEmpty();
        assertThat(ScheduleWords.describe("not cron")).isEmpty();
    }

    @Test
    void thePreviewListsTheNextFireTimesInTheJobsZone()
    {
        List<ZonedDateTime> times = ScheduleWords.nextFireTimes("30 4 * * *", ZoneId.of("Europe/Berlin"), 5);
        assertThat(times).hasSize(5).allSatisfy(time -> {
            assertThat(time.getZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
            assertThat(time.getHour()).isEqualTo(4);
            assertThat(time.getMinute()).isEqualTo(30);
        });
        assertThat(times.get(1)).isEqualTo(times.get(0).plusDays(1));
        assertThatThrownBy(() -> ScheduleWords.nextFireTimes("61 * * * *", ZoneId.of("UTC"), 5)).isInstanceOf(InvalidScheduleException.class);
    }

    @Test
    void runParamsAreKeyValueLinesOrAJsonObject()
    {
        assertThat(FormParams.toJson("")).isEmpty();
        assertThat(FormParams.toJson("dry_run=true\nsite = fra1\nlimit=5")).contains("{\"dry_run\":true,\"site\":\"fra1\",\"limit\":5}");
        assertThat(FormParams.toJson("{\"a\": [1, 2]}")).contains("{\"a\":[1,2]}");
        assertThatThrownBy(() -> FormParams.toJson("no equals sign")).hasMessageContaining("is not key=value");
        assertThatThrownBy(() -> FormParams.toJson("{broken")).hasMessageContaining("not valid JSON");
    }
}
