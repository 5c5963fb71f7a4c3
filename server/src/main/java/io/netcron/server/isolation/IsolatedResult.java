package io.netcron.server.isolation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.netcron.server.execution.Json;
import io.netcron.server.run.RunEnd;
import io.netcron.server.run.RunStatus;

import java.time.Duration;

/** The last stdout line of an isolated run: {@code {"netcron.status": "succeeded"|"failed", "result": {...}, "error": "..."}}. */
final class IsolatedResult
{
    static final String STATUS = "netcron.status";
    private static final String PREFIX = "{\"" + STATUS + "\"";

    private IsolatedResult() {}

    static boolean isResultLine(String line)
    {
        return line.startsWith(PREFIX);
    }

    /** {@code {"netcron.progress": [done, total]}}: the child's progress, throttled by the child. */
    static final String PROGRESS = "netcron.progress";
    private static final String PROGRESS_PREFIX = "{\"" + PROGRESS + "\"";

    static boolean isProgressLine(String line)
    {
        return line.startsWith(PROGRESS_PREFIX);
    }

    /** {done, total}, or null for a line that only looks like one. */
    static long[] progress(String line)
    {
        try {
            JsonNode value = Json.MAPPER.readTree(line).path(PROGRESS);
            return value.isArray() && value.size() == 2 ? new long[] {value.get(0).asLong(), value.get(1).asLong()} : null;
        }
        catch (JsonProcessingException e) {
            return null;
        }
    }

    static RunEnd parse(String line, int exitCode, String output, Duration duration)
    {
        if (line == null) {
            return new RunEnd(RunStatus.FAILED, null, "isolated process exited with code " + exitCode + " without a result", output, duration);
        }
        try {
            JsonNode result = Json.MAPPER.readTree(line);
            if ("succeeded".equals(result.path(STATUS).asText()) && exitCode == 0) {
                return new RunEnd(RunStatus.SUCCEEDED, Json.MAPPER.writeValueAsString(result.path("result")), null, output, duration);
            }
            String error = result.path("error").asText("isolated process exited with code " + exitCode);
            String kept = result.has("result") ? Json.MAPPER.writeValueAsString(result.path("result")) : null;
            return new RunEnd(RunStatus.FAILED, kept, error, output, duration);
        }
        catch (JsonProcessingException e) {
            return new RunEnd(RunStatus.FAILED, null, "isolated process wrote an unreadable result: " + e.getOriginalMessage(), output, duration);
        }
    }
}
