package io.netcron.server.schedule;

import org.quartz.CronExpression;

import java.text.ParseException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Schedules as operators write them: Quartz cron with seconds ({@code 0 0/5 * * * ?}), classic
 * 5-field Unix cron ({@code 0 2 * * *}) or an alias ({@code @daily}). Everything becomes Quartz
 * cron (see {@link QuartzCron}); a bad one gives a one-line reason.
 * <p>
 * A 5-field cron is read as croniter (the old Python framework) and cron read it: when it
 * restricts both day of month and day of week ({@code 0 0 13 * 5}) it fires when either matches,
 * once per matching time. A field restricts the day when it does not cover every value, so
 * {@code 1-31} or {@code 0-6} count as {@code *} and {@code *}{@code /2} restricts (croniter's rule;
 * Vixie cron's quirk of treating any field that starts with {@code *} as unrestricted is not
 * followed). Quartz's own 6-7 field syntax keeps Quartz's rule: one of the two must be {@code ?}.
 */
public final class Schedules
{
    private static final Map<String, String> ALIASES = Map.of(
            "@yearly", "0 0 0 1 1 ?",
            "@annually", "0 0 0 1 1 ?",
            "@monthly", "0 0 0 1 * ?",
            "@weekly", "0 0 0 ? * SUN",
            "@daily", "0 0 0 * * ?",
            "@midnight", "0 0 0 * * ?",
            "@hourly", "0 0 * * * ?");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern CRONITER_LAST_WEEKDAY = Pattern.compile("(?i)(^|,)L([0-7])");
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private Schedules() {}

    /** The Quartz form of a schedule, or {@link InvalidScheduleException} with the reason. */
    public static QuartzCron toQuartz(String schedule)
    {
        String trimmed = schedule.trim().replaceAll("\\s+", " ");
        if (trimmed.isEmpty()) {
            throw new InvalidScheduleException("schedule is empty (use NULL for on-demand jobs)");
        }
        String alias = ALIASES.get(trimmed.toLowerCase(Locale.ROOT));
        QuartzCron quartz = alias != null ? QuartzCron.of(alias) : switch (trimmed.split(" ").length) {
            case 5 -> fromUnix(trimmed.split(" "));
            case 6, 7 -> QuartzCron.of(trimmed);
            default -> throw new InvalidScheduleException("'" + schedule + "' has " + trimmed.split(" ").length
                    + " fields; expected 5 (minute hour day month weekday) or 6-7 (Quartz: second minute hour day month weekday [year])");
        };
        for (String expression : quartz.expressions()) {
            try {
                CronExpression.validateExpression(expression);
                // parse fully: some invalid expressions only fail when the next fire time is computed
                new CronExpression(expression).getNextValidTimeAfter(new java.util.Date());
            }
            catch (ParseException | RuntimeException e) {
                throw new InvalidScheduleException("'" + schedule + "' is not a valid cron expression: " + e.getMessage());
            }
        }
        return quartz;
    }

    public static Optional<String> validate(String schedule)
    {
        try {
            toQuartz(schedule);
            return Optional.empty();
        }
        catch (InvalidScheduleException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static QuartzCron fromUnix(String[] fields)
    {
        String time = "0 " + fields[0] + " " + fields[1] + " ";
        String dayOfMonth = fields[2].equals("?") ? "*" : fields[2];
        String month = fields[3];
        String dayOfWeek = unixWeekdaysToQuartz(fields[4]);
        boolean daysRestricted = !everyDayOfMonth(dayOfMonth);
        boolean weekdaysRestricted = !everyDayOfWeek(dayOfWeek);
        if (daysRestricted && weekdaysRestricted) {
            // cron and croniter OR the two; Quartz cannot, so the schedule is both halves united
            return QuartzCron.either(time + dayOfMonth + " " + month + " ?", time + "? " + month + " " + dayOfWeek);
        }
        if (weekdaysRestricted) {
            return QuartzCron.of(time + "? " + month + " " + dayOfWeek);
        }
        return QuartzCron.of(time + dayOfMonth + " " + month + " ?");
    }

    /** Whether a day-of-month field covers all 31 days (checked on January 2000, which has 31). */
    private static boolean everyDayOfMonth(String field)
    {
        return field.equals("*") || coversAll("0 0 0 " + field + " 1 ? 2000", LocalDate.of(2000, 1, 1), 31);
    }

    /** Whether a (Quartz-numbered) day-of-week field covers all 7 days (checked on 9-15 January 2000, Sunday to Saturday). */
    private static boolean everyDayOfWeek(String field)
    {
        return field.equals("*") || field.equals("?") || coversAll("0 0 0 ? 1 " + field + " 2000", LocalDate.of(2000, 1, 9), 7);
    }

    private static boolean coversAll(String expression, LocalDate first, int days)
    {
        try {
            CronExpression cron = new CronExpression(expression);
            cron.setTimeZone(UTC);
            for (int day = 0; day < days; day++) {
                if (!cron.isSatisfiedBy(java.util.Date.from(first.plusDays(day).atStartOfDay(ZoneOffset.UTC).toInstant()))) {
                    return false;
                }
            }
            return true;
        }
        catch (ParseException | RuntimeException e) {
            return false; // restricted or invalid: the whole expression is validated (and explained) afterwards
        }
    }

    /**
     * Unix weekdays are 0-7 with 0 and 7 Sunday; Quartz's are 1-7 with 1 Sunday. Names pass
     * through; a step ({@code /2}) and the n of an nth weekday ({@code 5#3}) are not weekdays;
     * croniter's last-weekday-of-the-month {@code L5} is Quartz's {@code 6L}.
     */
    static String unixWeekdaysToQuartz(String field)
    {
        if (field.equals("*") || field.equals("?")) {
            return field;
        }
        field = CRONITER_LAST_WEEKDAY.matcher(field).replaceAll("$1$2L");
        Matcher matcher = NUMBER.matcher(field);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (matcher.find()) {
            String between = field.substring(last, matcher.start());
            out.append(between);
            int value = Integer.parseInt(matcher.group());
            if (between.endsWith("/") || between.endsWith("#")) {
                out.append(value);
            }
            else {
                if (value > 7) {
                    throw new InvalidScheduleException("weekday " + value + " is out of range 0-7 in '" + field + "'");
                }
                out.append(value % 7 + 1);
            }
            last = matcher.end();
        }
        out.append(field.substring(last));
        return out.toString();
    }
}
