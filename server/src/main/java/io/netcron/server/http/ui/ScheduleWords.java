package io.netcron.server.http.ui;

import io.netcron.server.schedule.InvalidScheduleException;
import io.netcron.server.schedule.QuartzCron;
import io.netcron.server.schedule.Schedules;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.regex.Pattern;

/**
 * A schedule in words for the common shapes ("every 5 minutes", "daily at 02:00", "Mon-Fri at
 * 07:30"); anything else is shown as cron only. And the next fire times of a schedule in a zone,
 * for the edit preview.
 */
final class ScheduleWords
{
    private static final Pattern NUMBER = Pattern.compile("\\d{1,2}");
    private static final Pattern STEP = Pattern.compile("(?:\\*|0)/(\\d{1,2})");
    private static final Map<String, String> WEEKDAYS = Map.of(
            "MON-FRI", "Mon-Fri", "2-6", "Mon-Fri", "SAT,SUN", "weekends", "1,7", "weekends",
            "MON", "Mondays", "TUE", "Tuesdays", "WED", "Wednesdays", "THU", "Thursdays", "FRI", "Fridays", "SAT", "Saturdays");

    private ScheduleWords() {}

    static Optional<String> describe(String schedule)
    {
        String[] f;
        try {
            QuartzCron quartz = Schedules.toQuartz(schedule);
            if (quartz.isUnion()) {
                return Optional.empty(); // day of month OR day of week: the cron text says it best
            }
            f = quartz.expression().split(" ");
        }
        catch (InvalidScheduleException e) {
            return Optional.empty();
        }
        if (f.length == 7 && !f[6].equals("*")) {
            return Optional.empty();
        }
        String second = f[0];
        String minute = f[1];
        String hour = f[2];
        String dayOfMonth = f[3];
        String month = f[4];
        String dayOfWeek = f[5].toUpperCase(java.util.Locale.ROOT);
        boolean everyDay = (dayOfMonth.equals("*") || dayOfMonth.equals("?")) && (dayOfWeek.equals("*") || dayOfWeek.equals("?"));
        if (!month.equals("*") || !NUMBER.matcher(second).matches() && !second.equals("*")) {
            return Optional.empty();
        }
        if (everyDay && hour.equals("*")) {
            if (second.equals("*") && minute.equals("*")) {
                return Optional.of("every second");
            }
            if (second.equals("0") && minute.equals("*")) {
                return Optional.of("every minute");
            }
            var step = STEP.matcher(minute);
            if (second.equals("0") && step.matches()) {
                return Optional.of("every " + step.group(1) + " minutes");
            }
            if (second.equals("0") && NUMBER.matcher(minute).matches()) {
                return Optional.of("every hour at minute " + minute);
            }
            return Optional.empty();
        }
        if (!second.equals("0") || !NUMBER.matcher(minute).matches()) {
            return Optional.empty();
        }
        var hourStep = STEP.matcher(hour);
        if (everyDay && hourStep.matches()) {
            return Optional.of("every " + hourStep.group(1) + " hours at minute " + minute);
        }
        if (!NUMBER.matcher(hour).matches()) {
            return Optional.empty();
        }
        String at = "at %02d:%02d".formatted(Integer.parseInt(hour), Integer.parseInt(minute));
        if (everyDay) {
            return Optional.of("daily " + at);
        }
        if (dayOfMonth.equals("?") || dayOfMonth.equals("*")) {
            return Optional.ofNullable(WEEKDAYS.get(dayOfWeek)).map(days -> days + " " + at);
        }
        if (NUMBER.matcher(dayOfMonth).matches()) {
            return Optional.of("monthly on day " + dayOfMonth + " " + at);
        }
        if (dayOfMonth.equals("L")) {
            return Optional.of("on the last day of each month " + at);
        }
        return Optional.empty();
    }

    /** The next {@code count} fire times after now in the zone; throws {@link InvalidScheduleException} for a bad schedule. */
    static List<ZonedDateTime> nextFireTimes(String schedule, ZoneId zone, int count)
    {
        QuartzCron quartz = Schedules.toQuartz(schedule);
        TimeZone timeZone = TimeZone.getTimeZone(zone);
        List<ZonedDateTime> times = new ArrayList<>();
        Instant next = Instant.now();
        while (times.size() < count) {
            Optional<Instant> after = quartz.nextAfter(next, timeZone);
            if (after.isEmpty()) {
                break;
            }
            next = after.get();
            times.add(next.atZone(zone));
        }
        return times;
    }
}
