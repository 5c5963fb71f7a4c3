package io.netcron.server.isolation;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads a child's output line by line keeping at most {@code maxChars} of each line: one huge line
 * (a job printing a binary blob without a line break) must not exhaust the node's heap, as
 * {@code BufferedReader.readLine} would. The rest of an over-long line is read and dropped.
 */
final class BoundedLineReader
{
    /** Large enough for a result line (a job's JSON result); output lines are trimmed further by BoundedLines. */
    static final int MAX_LINE_CHARS = 4 * 1024 * 1024;

    private BoundedLineReader() {}

    /** The next line without its line break (at most {@code maxChars}, marked when cut), or null at the end of the stream. */
    static String readLine(Reader reader, int maxChars)
            throws IOException
    {
        StringBuilder line = new StringBuilder();
        long dropped = 0;
        boolean read = false;
        int next;
        while ((next = reader.read()) != -1) {
            read = true;
            if (next == '\n') {
                break;
            }
            if (line.length() < maxChars) {
                line.append((char) next);
            }
            else {
                dropped++;
            }
        }
        if (!read) {
            return null;
        }
        if (dropped == 0 && !line.isEmpty() && line.charAt(line.length() - 1) == '\r') {
            line.setLength(line.length() - 1);
        }
        if (dropped > 0) {
            line.append(" ... (line cut: ").append(dropped).append(" more characters dropped)");
        }
        return line.toString();
    }
}
