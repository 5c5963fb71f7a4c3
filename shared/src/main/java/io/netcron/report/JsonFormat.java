package io.netcron.report;

/** How {@link ReportFiles#writeJson} lays out rows. */
public enum JsonFormat
{
    /** One JSON array of objects, indented. */
    ARRAY,
    /** JSON Lines: one compact object per line, each line ending in {@code \n}. */
    LINES,
}
