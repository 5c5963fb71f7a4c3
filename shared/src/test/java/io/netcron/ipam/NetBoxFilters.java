package io.netcron.ipam;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Set;

/** NetBox's list filters as {@link FakeNetBox} applies them (IPv4 only for the address filters). */
final class NetBoxFilters
{
    private static final Set<String> IGNORED = Set.of("limit", "offset", "brief", "exclude", "include", "ordering", "q", "fields", "omit");

    private NetBoxFilters() {}

    static boolean matches(JsonNode object, String key, List<String> values)
    {
        if (IGNORED.contains(key)) {
            return true;
        }
        return switch (key) {
            case "tag" -> values.stream().anyMatch(value -> hasTag(object, value));
            case "device_id" -> values.contains(object.path("device").path("id").asText());
            case "parent" -> values.stream().anyMatch(prefix -> contains(prefix, cidr(object), false));
            case "within" -> values.stream().anyMatch(prefix -> contains(prefix, cidr(object), true));
            case "address" -> values.stream().anyMatch(value -> host(value).equals(host(object.path("address").asText())));
            default -> {
                JsonNode field = object.path(key);
                if (field.isMissingNode()) {
                    yield true; // a filter this fake does not know narrows nothing
                }
                String text = field.isObject()
                        ? firstText(field, "slug", "value", "name", "id")
                        : field.asText();
                yield values.contains(text) || field.isObject() && values.contains(field.path("id").asText());
            }
        };
    }

    private static boolean hasTag(JsonNode object, String slug)
    {
        for (JsonNode tag : object.path("tags")) {
            if (slug.equals(tag.path("slug").asText()) || slug.equals(tag.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    private static String cidr(JsonNode object)
    {
        return object.has("prefix") ? object.path("prefix").asText() : object.path("address").asText();
    }

    private static String firstText(JsonNode node, String... fields)
    {
        for (String field : fields) {
            if (node.hasNonNull(field)) {
                return node.path(field).asText();
            }
        }
        return "";
    }

    private static String host(String cidr)
    {
        int slash = cidr.indexOf('/');
        return slash < 0 ? cidr : cidr.substring(0, slash);
    }

    /** Whether {@code inner} (address or prefix) lies inside {@code outer}; strictly: not equal to it. */
    static boolean contains(String outer, String inner, boolean strictly)
    {
        if (!outer.contains(".") || !inner.contains(".")) {
            return false;
        }
        int outerLength = length(outer);
        long outerBase = ip(host(outer)) >>> (32 - outerLength) << (32 - outerLength);
        long innerHost = ip(host(inner));
        boolean innerIsPrefix = strictly;
        int innerLength = innerIsPrefix ? length(inner) : 32;
        if (innerLength < outerLength || strictly && innerLength == outerLength) {
            return false;
        }
        return outerLength == 0 || (innerHost >>> (32 - outerLength)) == (outerBase >>> (32 - outerLength));
    }

    private static int length(String cidr)
    {
        int slash = cidr.indexOf('/');
        return slash < 0 ? 32 : Integer.parseInt(cidr.substring(slash + 1));
    }

    private static long ip(String address)
    {
        long value = 0;
        for (String part : address.split("\\.")) {
            value = value << 8 | Integer.parseInt(part);
        }
        return value;
    }
}
