package io.netcron.http;

import java.nio.charset.StandardCharsets;
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
