package io.netcron.jobs.hardware;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the uptime strings devices print: {@code 12 days, 3:04:05} (PAN-OS),
 * {@code 1 year, 2 weeks, 3 days, 4 hours, 5 minutes} (IOS), {@code 2 day(s), 3 hour(s) ...}
 * (NX-OS), {@code 3 weeks, 2 days, 1 hour and 5 minutes} (EOS).
 */
final class Uptimes
{
    private static final Pattern UNIT = Pattern.compile("(\\d+)\\s*(year|week|day|hour|hr|minute|min|second|sec)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CLOCK = Pattern.compile("(\\d+):(\\d{2}):(\\d{2})");

    private Uptimes() {}

    static OptionalLong parse(String text)
    {
        if (text == null || text.isBlank()) {
            return OptionalLong.empty();
        }
        long seconds = 0;
        boolean found = false;
        Matcher clock = CLOCK.matcher(text);
        String rest = text;
        if (clock.find()) {
            seconds += Long.parseLong(clock.group(1)) * 3600 + Long.parseLong(clock.group(2)) * 60 + Long.parseLong(clock.group(3));
            rest = text.substring(0, clock.start()) + " " + text.substring(clock.end());
            found = true;
        }
        Matcher unit = UNIT.matcher(rest);
        while (unit.find()) {
            long value = Long.parseLong(unit.group(1));
            seconds += value * switch (unit.group(2).toLowerCase(Locale.ROOT)) {
                case "year" -> 365L * 86400;
                case "week" -> 7L * 86400;
                case "day" -> 86400L;
                case "hour", "hr" -> 3600L;
                case "minute", "min" -> 60L;
                default -> 1L;
            };
            found = true;
        }
        return found ? OptionalLong.of(seconds) : OptionalLong.empty();
    }
}
