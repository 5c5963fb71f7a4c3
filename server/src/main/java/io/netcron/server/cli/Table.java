package io.netcron.server.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain text table for terminal output. */
final class Table
{
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... header)
    {
        this.header = Arrays.asList(header);
    }

    void add(Object... values)
    {
        rows.add(Arrays.stream(values).map(Table::text).toList());
    }

    void print(PrintStream out)
    {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        printRow(out, header, widths);
        rows.forEach(row -> printRow(out, row, widths));
    }

    private static void printRow(PrintStream out, List<String> cells, int[] widths)
    {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(i == cells.size() - 1 ? cells.get(i) : String.format("%-" + widths[i] + "s  ", cells.get(i)));
        }
        out.println(line.toString().stripTrailing());
    }

    static String text(Object value)
    {
        if (value == null) {
            return "-";
        }
        if (value instanceof Instant instant) {
            return TIME.format(instant);
        }
        String text = value.toString().replaceAll("\\s+", " ");
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
