package io.netcron.ipam;

import com.fasterxml.jackson.databind.JsonNode;
import io.netcron.http.HttpAnswer;
import io.netcron.http.HttpCall;
import io.netcron.http.HttpFailures;
import io.netcron.http.Json;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;

/** NetBox's error answers as one-line messages: field errors for 400, the detail for 401/403/404. */
final class NetBoxErrors
{
    private static final int MAX = 600;

    private NetBoxErrors() {}

    /**
     * @param what the object or list the request was about ("device 12", "devices"), for 404s
     */
    static TargetException of(HttpCall call, String request, String what, String credential, HttpAnswer answer)
    {
        String target = call.target();
        int status = answer.status();
        String detail = HttpFailures.redact(call, detail(answer));
        return switch (status) {
            case 400 -> new TargetException(Outcome.FAILED, target + ": NetBox rejected " + request + ": " + detail);
            case 401 -> new TargetException(Outcome.AUTH_FAILED, target + ": NetBox refused the token of credential '" + credential + "' (401 " + detail + ")");
            case 403 -> new TargetException(Outcome.AUTH_FAILED, target + ": permission denied for " + request + " (403 " + detail + ")");
            case 404 -> new TargetException(Outcome.FAILED, target + ": NetBox has no " + what + " (404 on " + request + ")");
            default -> new TargetException(Outcome.FAILED, target + ": HTTP " + status + " on " + request + (detail.isEmpty() ? "" : ": " + detail));
        };
    }

    /** {@code {"detail": "..."}} → the text; field errors ({@code {"serial": ["..."]}}, or a list of them for bulk) → compact JSON. */
    private static String detail(HttpAnswer answer)
    {
        if (answer.body().length == 0) {
            return "";
        }
        try {
            JsonNode node = Json.MAPPER.readTree(answer.body());
            if (node != null && node.isObject() && node.size() == 1 && node.path("detail").isTextual()) {
                return cut(node.path("detail").asText());
            }
            if (node != null && (node.isObject() || node.isArray())) {
                return cut(Json.MAPPER.writeValueAsString(node));
            }
        }
        catch (java.io.IOException e) {
            // not JSON (a proxy's HTML page): the excerpt says enough
        }
        return answer.excerpt();
    }

    private static String cut(String text)
    {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= MAX ? oneLine : oneLine.substring(0, MAX) + "...";
    }
}
