package io.netcron.ipam;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a PATCH must carry: the entries of {@code wanted} that differ from {@code current}. Nested
 * maps ({@code custom_fields}) are compared key by key and only their changed keys are sent (NetBox
 * merges a partial {@code custom_fields}); numbers compare by value ({@code 1} equals {@code 1.0});
 * a missing key counts as null.
 */
public final class Changes
{
    private Changes() {}

    public static Map<String, Object> diff(Map<String, ?> current, Map<String, ?> wanted)
    {
        Map<String, Object> changed = new LinkedHashMap<>();
        wanted.forEach((key, value) -> {
            Object now = current.get(key);
            if (value instanceof Map<?, ?> wantedMap && (now == null || now instanceof Map<?, ?>)) {
                Map<String, Object> inner = diff(now == null ? Map.of() : stringKeys((Map<?, ?>) now), stringKeys(wantedMap));
                if (!inner.isEmpty()) {
                    changed.put(key, inner);
                }
            }
            else if (!same(now, value)) {
                changed.put(key, value);
            }
        });
        return changed;
    }

    static boolean same(Object a, Object b)
    {
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            return diff(stringKeys(x), stringKeys(y)).isEmpty() && diff(stringKeys(y), stringKeys(x)).isEmpty();
        }
        return Objects.equals(a, b);
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map)
    {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), value));
        return copy;
    }

    /** An unmodifiable copy that keeps null values (JSON nulls are meaningful in custom fields). */
    static Map<String, Object> unmodifiable(Map<String, Object> map)
    {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
