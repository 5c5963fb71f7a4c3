package io.netcron.server.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/** The answer of {@code /health/ready}: UP only when every check is UP. */
public record Health(Map<String, Check> checks)
{
    public Health
    {
        checks = new LinkedHashMap<>(requireNonNull(checks, "checks is null"));
    }

    public boolean up()
    {
        return checks.values().stream().allMatch(Check::up);
    }

    /** The failing checks in one line, e.g. {@code database: no answer within 2s; scheduler: in standby}. */
    public Optional<String> reason()
    {
        String reason = checks.entrySet().stream()
                .filter(entry -> !entry.getValue().up())
                .map(entry -> entry.getKey() + ": " + entry.getValue().reason().orElse("down"))
                .collect(Collectors.joining("; "));
        return reason.isEmpty() ? Optional.empty() : Optional.of(reason);
    }

    /** One check: up, or down with the reason; {@code detail} says what was seen either way. */
    public record Check(boolean up, Optional<String> reason, Optional<String> detail)
    {
        public Check
        {
            requireNonNull(reason, "reason is null");
            requireNonNull(detail, "detail is null");
        }

        public static Check up(String detail)
        {
            return new Check(true, Optional.empty(), Optional.ofNullable(detail));
        }

        public static Check down(String reason)
        {
            return new Check(false, Optional.of(reason), Optional.empty());
        }
    }
}
