package io.netcron.server.schedule;

import org.quartz.CronExpression;

import java.text.ParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Schedules as operators write them: Quartz cron with seconds ({@code 0 0/5 * * * ?}), classic
 * 5-field Unix cron ({@code 0 2 * * *}) or an alias ({@code @daily}). Everything becomes a
 * Quartz cron expression; a bad one gives a one-line reason.
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

    private Schedules() {}

    /** The Quartz form of a schedule, or {@link InvalidScheduleException} with the reason. */
    public static String toQuartz(String schedule)
    {
        String trimmed = schedule.trim().replaceAll("\\s+", " ");
        if (trimmed.isEmpty()) {
            throw new InvalidScheduleException("schedule is empty (use NULL for on-demand jobs)");
        }
        String alias = ALIASES.get(trimmed.toLowerCase(Locale.ROOT));
        String quartz = alias != null ? alias : switch (trimmed.split(" ").length) {
            case 5 -> fromUnix(trimmed.split(" "));
            case 6, 7 -> trimmed;
            default -> throw new InvalidScheduleException("'" + schedule + "' has " + trimmed.split(" ").length
                    + " fields; expected 5 (minute hour day month weekday) or 6-7 (Quartz: second minute hour day month weekday [year])");
        };
        try {
            CronExpression.validateExpression(quartz);
            // parse fully: some invalid expressions only fail when the next fire time is computed
            new CronExpression(quartz).getNextValidTimeAfter(new java.util.Date());
        }
        catch (ParseException | RuntimeException e) {
            throw new InvalidScheduleException("'" + schedule + "' is not a valid cron expression: " + e.getMessage());
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

    private static String fromUnix(String[] fields)
    {
        String minute = fields[0];
        String hour = fields[1];
        String dayOfMonth = fields[2];
        String month = fields[3];
        String dayOfWeek = unixWeekdaysToQuartz(fields[4]);
        boolean anyDay = dayOfMonth.equals("*");
        boolean anyWeekday = fields[4].equals("*");
        if (!anyDay && !anyWeekday) {
            // Unix cron ORs the two; Quartz cannot express that
            throw new InvalidScheduleException("'" + String.join(" ", fields)
                    + "' restricts both day of month and day of week; netcron supports one of them (or write two jobs)");
        }
        if (anyWeekday) {
            dayOfWeek = "?";
        }
        else {
            dayOfMonth = "?";
        }
        return "0 " + minute + " " + hour + " " + dayOfMonth + " " + month + " " + dayOfWeek;
    }

    /** Unix weekdays are 0-7 with 0 and 7 Sunday; Quartz's are 1-7 with 1 Sunday. Names pass through. */
    static String unixWeekdaysToQuartz(String field)
    {
        if (field.equals("*") || field.equals("?")) {
            return field;
        }
        Matcher matcher = NUMBER.matcher(field);
        StringBuilder out = new StringBuilder();
        boolean afterSlash = false;
        int last = 0;
        while (matcher.find()) {
            String between = field.substring(last, matcher.start());
            out.append(between);
            afterSlash = between.endsWith("/");
            int value = Integer.parseInt(matcher.group());
            if (afterSlash) {
                out.append(value); // a step, not a weekday
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
