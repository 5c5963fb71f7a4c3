package io.netcron.server.schedule;

import org.quartz.CronExpression;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;

import static java.util.Objects.requireNonNull;

/**
 * A schedule in Quartz's cron language: one expression, or two whose fire times are united. Two
 * stand for a 5-field cron that restricts both day of month and day of week ({@code 0 0 13 * 5}):
 * cron and croniter fire it when either day matches, which one Quartz expression cannot say, so it
 * becomes the day-of-month half ({@code 0 0 0 13 * ?}) and the day-of-week half
 * ({@code 0 0 0 ? * 6}), fired once per time either matches (also when both do).
 */
public record QuartzCron(List<String> expressions)
{
    public QuartzCron
    {
        expressions = List.copyOf(requireNonNull(expressions, "expressions is null"));
        if (expressions.isEmpty() || expressions.size() > 2) {
            throw new IllegalArgumentException("one or two cron expressions expected: " + expressions);
        }
    }

    public static QuartzCron of(String expression)
    {
        return new QuartzCron(List.of(expression));
    }

    public static QuartzCron either(String dayOfMonth, String dayOfWeek)
    {
        return new QuartzCron(List.of(dayOfMonth, dayOfWeek));
    }

    /** The single expression; only for a schedule that is one ({@link #isUnion()} false). */
    public String expression()
    {
        if (isUnion()) {
            throw new IllegalStateException("'" + this + "' is two cron expressions");
        }
        return expressions.getFirst();
    }

    public boolean isUnion()
    {
        return expressions.size() == 2;
    }

    /** The first fire time strictly after {@code time} in {@code zone}, if the schedule fires again. */
    public Optional<Instant> nextAfter(Instant time, TimeZone zone)
    {
        return Optional.ofNullable(nextAfter(parse(zone), Date.from(time))).map(Date::toInstant);
    }

    /** The earliest time strictly after {@code after} that any of the expressions fires, or null. */
    public static Date nextAfter(List<CronExpression> expressions, Date after)
    {
        Date next = null;
        for (CronExpression expression : expressions) {
            Date candidate = expression.getTimeAfter(after);
            if (candidate != null && (next == null || candidate.before(next))) {
                next = candidate;
            }
        }
        return next;
    }

    public List<CronExpression> parse(TimeZone zone)
    {
        return expressions.stream().map(text -> {
            try {
                CronExpression expression = new CronExpression(text);
                expression.setTimeZone(zone);
                return expression;
            }
            catch (ParseException e) {
                throw new InvalidScheduleException("'" + text + "' is not a valid cron expression: " + e.getMessage());
            }
        }).toList();
    }

    @Override
    public String toString()
    {
        return String.join(" | ", expressions);
    }
}
