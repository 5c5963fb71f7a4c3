package io.netcron.server.execution;

import io.netcron.server.history.RunHistory;

import java.util.ArrayDeque;
import java.util.Deque;

/** A run's kept output: the newest lines up to {@link RunHistory#MAX_OUTPUT_CHARS}; the oldest are dropped. Thread-safe. */
public final class BoundedLines
{
    private final int maxChars;
    private final Deque<String> lines = new ArrayDeque<>();
    private int chars;
    private boolean truncated;

    public BoundedLines()
    {
        this(RunHistory.MAX_OUTPUT_CHARS);
    }

    public BoundedLines(int maxChars)
    {
        this.maxChars = maxChars;
    }

    public synchronized void add(String line)
    {
        String text = line == null ? "null" : line;
        lines.addLast(text);
        chars += text.length() + 1;
        while (chars > maxChars && lines.size() > 1) {
            chars -= lines.removeFirst().length() + 1;
            truncated = true;
        }
    }

    /** The kept text, or null when nothing was written. */
    public synchronized String text()
    {
        if (lines.isEmpty()) {
            return null;
        }
        String text = String.join("\n", lines);
        if (text.length() > maxChars) {
            text = text.substring(text.length() - maxChars);
        }
        return truncated ? "(earlier output dropped)\n" + text : text;
    }
}
