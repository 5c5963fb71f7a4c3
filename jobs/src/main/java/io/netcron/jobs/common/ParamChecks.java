package io.netcron.jobs.common;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The checks the jobs' params records share, for their compact constructors: each throws
 * {@link IllegalArgumentException} naming the JSON field, as {@code JobParams} reports it.
 */
public final class ParamChecks
{
    private ParamChecks() {}

    /** An absent list is empty; a given one is copied. */
    public static <T> List<T> list(List<T> values)
    {
        return values == null ? List.of() : List.copyOf(values);
    }

    /** {@code concurrency} and {@code max_failure_share}, as every fan-out takes them. */
    public static void fanOut(int concurrency, double maxFailureShare)
    {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, got " + concurrency);
        }
        if (!(maxFailureShare >= 0 && maxFailureShare <= 1)) {
            throw new IllegalArgumentException("max_failure_share must be within 0..1, got " + maxFailureShare);
        }
    }

    /** A timeout or other count in milliseconds that must be above zero. */
    public static void positive(String field, long value)
    {
        if (value < 1) {
            throw new IllegalArgumentException(field + " must be > 0, got " + value);
        }
    }

    public static void port(String field, int port)
    {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(field + " must be between 1 and 65535, got " + port);
        }
    }

    /** Names a stored credential. */
    public static void credential(String credential)
    {
        if (credential == null || credential.isBlank()) {
            throw new IllegalArgumentException("credential must name a stored credential");
        }
    }

    /** Every entry compiles as a {@link Pattern}. */
    public static void regexes(String field, List<String> regexes)
    {
        for (String regex : regexes) {
            try {
                Pattern.compile(regex);
            }
            catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(field + ": not a regex: " + regex);
            }
        }
    }
}
