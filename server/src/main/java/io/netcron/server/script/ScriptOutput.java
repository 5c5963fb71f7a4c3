package io.netcron.server.script;

import io.netcron.server.execution.BoundedLines;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads a script's stdout and stderr in fixed chunks (never an unbounded line): keeps the tail in
 * the run's output, the last stdout line (the JSON result candidate) and the stderr tail, and
 * writes each line to the node's log under the run's MDC. Memory per stream is bounded by
 * {@link #CHUNK} plus {@link #MAX_LINE} whatever the script prints.
 */
final class ScriptOutput
{
    static final int CHUNK = 64 * 1024;
    static final int MAX_LINE = 64 * 1024;
    private static final int MAX_LOGGED_LINE = 1000;
    private static final Logger log = LoggerFactory.getLogger("io.netcron.script");

    private final BoundedLines output = new BoundedLines();
    private final BoundedLines stderrTail = new BoundedLines(600);
    private final AtomicReference<String> lastStdoutLine = new AtomicReference<>();
    private final String scriptName;

    ScriptOutput(String scriptName)
    {
        this.scriptName = scriptName;
    }

    Thread read(InputStream stream, boolean stderr, String threadName)
    {
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        return Thread.ofVirtual().name(threadName).start(() -> {
            if (mdc != null) {
                MDC.setContextMap(mdc);
            }
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            boolean split = false;
            byte[] chunk = new byte[CHUNK];
            try (stream) {
                int read;
                while ((read = stream.read(chunk)) >= 0) {
                    int from = 0;
                    for (int i = 0; i < read; i++) {
                        if (chunk[i] == '\n') {
                            line.write(chunk, from, i - from);
                            emit(line, stderr, split);
                            split = false;
                            from = i + 1;
                        }
                        else if (line.size() + (i - from) >= MAX_LINE) {
                            line.write(chunk, from, i - from);
                            emit(line, stderr, true);
                            split = true;
                            from = i;
                        }
                    }
                    line.write(chunk, from, read - from);
                }
                if (line.size() > 0) {
                    emit(line, stderr, split);
                }
            }
            catch (IOException e) {
                output.add("netcron: output of " + scriptName + " cut short: " + e.getMessage());
            }
            finally {
                MDC.clear();
            }
        });
    }

    private void emit(ByteArrayOutputStream buffer, boolean stderr, boolean partial)
    {
        String text = buffer.toString(StandardCharsets.UTF_8);
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        buffer.reset();
        output.add(stderr ? "[stderr] " + text : text);
        if (stderr) {
            stderrTail.add(text);
        }
        else if (!text.isBlank()) {
            // a line longer than MAX_LINE is never a result
            lastStdoutLine.set(partial ? null : text);
        }
        String logged = text.length() > MAX_LOGGED_LINE ? text.substring(0, MAX_LOGGED_LINE) + "... (" + text.length() + " chars)" : text;
        log.info("{} {}: {}", scriptName, stderr ? "stderr" : "stdout", logged);
    }

    void note(String line)
    {
        output.add(line);
    }

    String text()
    {
        return output.text();
    }

    String lastStdoutLine()
    {
        return lastStdoutLine.get();
    }

    /** The last stderr lines as one line for the run's error, or empty. */
    String stderrTail()
    {
        String text = stderrTail.text();
        return text == null ? "" : text.replace("(earlier output dropped)\n", "").strip().replace("\n", " | ");
    }
}
