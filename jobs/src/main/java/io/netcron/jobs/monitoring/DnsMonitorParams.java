package io.netcron.jobs.monitoring;

import io.netcron.jobs.common.ParamChecks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Params of {@link DnsAvailabilityMonitorJob}:
 * <pre>{@code
 * {"servers": ["192.0.2.53", "192.0.2.54:5353"], "names": ["www.example.net"], "types": ["A", "AAAA"],
 *  "expected": {"www.example.net/A": ["192.0.2.10"]}, "patterns": {"www.example.net": ["^2001:db8:.*"]},
 *  "tcp": true, "timeout_ms": 2000, "concurrency": 32, "max_failure_share": 0.5}
 * }</pre>
 * {@code expected} and {@code patterns} are keyed by name ({@code www.example.net}) or by name and
 * type ({@code www.example.net/AAAA}, which wins). Expected values must be exactly the answers of the
 * asked type (order aside); patterns must each match a whole answer, and every answer must match one.
 */
public record DnsMonitorParams(
        List<String> servers,
        List<String> names,
        List<String> types,
        Map<String, List<String>> expected,
        Map<String, List<String>> patterns,
        boolean tcp,
        long timeoutMs,
        int concurrency,
        double maxFailureShare)
{
    public DnsMonitorParams
    {
        servers = ParamChecks.list(servers);
        names = ParamChecks.list(names);
        types = types == null || types.isEmpty() ? List.of("A") : List.copyOf(types);
        expected = expected == null ? Map.of() : copy(expected);
        patterns = patterns == null ? Map.of() : copy(patterns);
        ParamChecks.positive("timeout_ms", timeoutMs);
        ParamChecks.fanOut(concurrency, maxFailureShare);
        patterns.forEach((name, list) -> list.forEach(pattern -> {
            try {
                Pattern.compile(pattern);
            }
            catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("patterns." + name + ": not a regular expression: " + pattern);
            }
        }));
    }

    public static DnsMonitorParams defaults()
    {
        return new DnsMonitorParams(List.of(), List.of(), List.of("A"), Map.of(), Map.of(), false, 2000, 32, 0.5);
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> map)
    {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        map.forEach((key, values) -> copy.put(key, values == null ? List.of() : List.copyOf(values)));
        return Map.copyOf(copy);
    }
}
