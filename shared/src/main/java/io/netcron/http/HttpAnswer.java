package io.netcron.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A response: status, headers (names lower case) and the whole body. */
public record HttpAnswer(int status, Map<String, List<String>> headers, byte[] body)
{
    private static final int EXCERPT = 200;

    public HttpAnswer
    {
        headers = Map.copyOf(requireNonNull(headers, "headers is null"));
        requireNonNull(body, "body is null");
    }

    public boolean ok()
    {
        return status >= 200 && status < 300;
    }

    public Optional<String> header(String name)
    {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** Retry-After in seconds or as an HTTP date, as a wait from now. */
    public Optional<Duration> retryAfter()
    {
        return header("Retry-After").flatMap(value -> {
            String text = value.strip();
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(text))));
            }
            catch (NumberFormatException e) {
                try {
                    Duration until = Duration.between(Instant.now(), ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                    return Optional.of(until.isNegative() ? Duration.ZERO : until);
                }
                catch (DateTimeParseException ignored) {
                    return Optional.empty();
                }
            }
        });
    }

    public String text()
    {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body on one line, cut short, for error messages. */
    public String excerpt()
    {
        String oneLine = text().replaceAll("\\s+", " ").strip();
        return oneLine.length() <= EXCERPT ? oneLine : oneLine.substring(0, EXCERPT) + "...";
    }

    @Override
    public String toString()
    {
        return "HttpAnswer[" + status + ", " + body.length + " bytes]";
    }
}
